import { DomainEvent } from './envelope';

/**
 * Events of the policy context (topic `Topics.policy`). System policies are constants in
 * `sts-core/policy` known to every service, so only custom policies and attachments travel here.
 */
export type PolicyType = 'System' | 'Custom';
export type AttachmentPrincipalType = 'User' | 'Role';

export interface PolicyCreatedV1 {
  accountId: string;
  policyName: string;
  policyType: 'Custom';
  description?: string;
  defaultVersionId: string;
  /** Document of the default version (`v1`). */
  policyDocument: string;
  createDate: string;
}
export interface PolicyVersionCreatedV1 {
  accountId: string;
  policyName: string;
  versionId: string;
  policyDocument: string;
  isDefaultVersion: boolean;
  createDate: string;
}
export interface PolicyDefaultVersionSetV1 { accountId: string; policyName: string; versionId: string; policyDocument: string }
export interface PolicyVersionDeletedV1 { accountId: string; policyName: string; versionId: string }
export interface PolicyDeletedV1 { accountId: string; policyName: string }
/** UpdatePolicyDescription (added after v1 of the contract; consumers that do not know it may ignore it). */
export interface PolicyDescriptionUpdatedV1 { accountId: string; policyName: string; description?: string; updateDate: string }

export interface PolicyAttachmentV1 {
  accountId: string;
  policyName: string;
  policyType: PolicyType;
  principalType: AttachmentPrincipalType;
  /** Stable id (UserId / RoleId): names can change, ids cannot. */
  principalId: string;
  principalName: string;
  attachDate: string;
}

export type PolicyEvent =
  | DomainEvent<'PolicyCreated', PolicyCreatedV1>
  | DomainEvent<'PolicyVersionCreated', PolicyVersionCreatedV1>
  | DomainEvent<'PolicyDefaultVersionSet', PolicyDefaultVersionSetV1>
  | DomainEvent<'PolicyVersionDeleted', PolicyVersionDeletedV1>
  | DomainEvent<'PolicyDeleted', PolicyDeletedV1>
  | DomainEvent<'PolicyDescriptionUpdated', PolicyDescriptionUpdatedV1>
  | DomainEvent<'PolicyAttached', PolicyAttachmentV1>
  | DomainEvent<'PolicyDetached', PolicyAttachmentV1>;

export type PolicyEventType = PolicyEvent['type'];
