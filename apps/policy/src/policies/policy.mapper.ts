import type { PolicyEntity, PolicyVersionEntity } from './policy.entity';

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

/** `Policy` of CreatePolicy (`create`), Get/ListPolicies (`full`, with AttachmentCount) and UpdatePolicyDescription (`update`). */
export function policyBody(p: PolicyEntity, shape: 'create' | 'full' | 'update', attachmentCount = 0): Record<string, unknown> {
  return defined({
    PolicyName: p.policyName,
    PolicyType: p.policyType,
    Description: p.description ?? '',
    DefaultVersion: p.defaultVersionId,
    AttachmentCount: shape === 'full' ? attachmentCount : undefined,
    CreateDate: p.createDate,
    UpdateDate: shape === 'create' ? undefined : p.updateDate,
  });
}

export function versionBody(v: PolicyVersionEntity, defaultVersionId: string): Record<string, unknown> {
  return { VersionId: v.versionId, IsDefaultVersion: v.versionId === defaultVersionId, PolicyDocument: v.policyDocument, CreateDate: v.createDate };
}
