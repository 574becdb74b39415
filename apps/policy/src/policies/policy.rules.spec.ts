import { ActionParams } from '@opensts/platform';
import { DEFAULT_POLICY_LIMITS } from '../policy.constants';
import { checkAttachmentQuota, checkPolicyName, checkVersionDeletable, checkVersionId, planNewVersion, policyDeleteRefusal, policyTypeParam, VersionsState } from './policy.rules';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};
const state = (versionIds: string[], defaultVersionId = 'v1', nextVersion = versionIds.length + 1): VersionsState => ({ versionIds, defaultVersionId, nextVersion });

describe(planNewVersion.name, () => {
  it('numbers the new version after the highest ever created, even when numbers were deleted', () => {
    expect(planNewVersion(state(['v1', 'v4'], 'v1', 6), { setAsDefault: false, rotate: 'None' }, 5)).toEqual({ versionId: 'v6', isDefault: false });
  });

  it('refuses a sixth version without a rotate strategy', () => {
    expect(codeOf(() => planNewVersion(state(['v1', 'v2', 'v3', 'v4', 'v5']), { setAsDefault: true, rotate: 'None' }, 5))).toBe('LimitExceeded.Policy.Version');
  });

  it('evicts the oldest non-default version with the rotate strategy', () => {
    const sut = planNewVersion(state(['v1', 'v2', 'v3', 'v4', 'v5'], 'v1'), { setAsDefault: true, rotate: 'DeleteOldestNonDefaultVersionWhenLimitExceeded' }, 5);
    expect(sut).toEqual({ versionId: 'v6', isDefault: true, evict: 'v2' });
  });

  it('compares version numbers numerically, not as text', () => {
    const sut = planNewVersion(state(['v10', 'v9', 'v11', 'v12', 'v13'], 'v13', 14), { setAsDefault: false, rotate: 'DeleteOldestNonDefaultVersionWhenLimitExceeded' }, 5);
    expect(sut.evict).toBe('v9');
  });
});

describe(checkVersionDeletable.name, () => {
  it('refuses the default version and an unknown one, allows another', () => {
    expect(codeOf(() => checkVersionDeletable(state(['v1', 'v2']), 'v1'))).toBe('DeleteConflict.Policy.Version.Default');
    expect(codeOf(() => checkVersionDeletable(state(['v1', 'v2']), 'v3'))).toBe('EntityNotExist.Policy.Version');
    expect(codeOf(() => checkVersionDeletable(state(['v1', 'v2']), 'v2'))).toBe('ok');
  });
});

describe(policyDeleteRefusal.name, () => {
  const facts = { userAttachments: 0, roleAttachments: 0, extraVersions: 0, cascading: false };
  it.each([
    [{ userAttachments: 1 }, 'DeleteConflict.Policy.User'],
    [{ roleAttachments: 2 }, 'DeleteConflict.Policy.Role'],
    [{ extraVersions: 1 }, 'DeleteConflict.Policy.Version'],
  ])('refuses %j without CascadingDelete', (extra, code) => {
    expect(policyDeleteRefusal({ ...facts, ...extra })?.code).toBe(code);
  });

  it('allows everything with CascadingDelete and a clean policy without it', () => {
    expect(policyDeleteRefusal({ userAttachments: 3, roleAttachments: 1, extraVersions: 4, cascading: true })).toBeUndefined();
    expect(policyDeleteRefusal(facts)).toBeUndefined();
  });
});

describe(checkAttachmentQuota.name, () => {
  it('counts system and custom policies separately per principal type', () => {
    expect(codeOf(() => checkAttachmentQuota('Role', 'Custom', 4, DEFAULT_POLICY_LIMITS))).toBe('ok');
    expect(codeOf(() => checkAttachmentQuota('Role', 'Custom', 5, DEFAULT_POLICY_LIMITS))).toBe('LimitExceeded.Role.Policy');
    expect(codeOf(() => checkAttachmentQuota('User', 'Custom', 9, DEFAULT_POLICY_LIMITS))).toBe('ok');
    expect(codeOf(() => checkAttachmentQuota('User', 'System', 20, DEFAULT_POLICY_LIMITS))).toBe('LimitExceeded.User.Policy');
  });
});

describe('policy parameters', () => {
  it('validates names, version ids and policy types', () => {
    expect(checkPolicyName('PolicyName', 'Read-Only-1')).toBe('Read-Only-1');
    expect(codeOf(() => checkPolicyName('PolicyName', 'bad_name'))).toBe('InvalidParameter.PolicyName.InvalidChars');
    expect(codeOf(() => checkPolicyName('PolicyName', 'a'.repeat(129)))).toBe('InvalidParameter.PolicyName.Length');
    expect(codeOf(() => checkVersionId('v0'))).toBe('InvalidParameter.VersionId.Format');
    expect(checkVersionId('v12')).toBe('v12');
    expect(codeOf(() => policyTypeParam(new ActionParams({ PolicyType: 'custom' }), true))).toBe('InvalidParameter.PolicyType');
    expect(codeOf(() => policyTypeParam(new ActionParams({}), true))).toBe('MissingPolicyType');
    expect(policyTypeParam(new ActionParams({}), false)).toBeUndefined();
  });
});
