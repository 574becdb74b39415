import type { SessionClaims } from '../token';
import { accountPrincipal, assumedRolePrincipal, callerIdentity, ramUserPrincipal } from './caller-principal';

const ACCOUNT = '1234567890123456';
const session: SessionClaims = {
  accessKeyId: 'STS.000AbCdEfGhIjKlMnOpQrSt',
  mechanism: 'AssumeRole',
  accountId: ACCOUNT,
  roleId: '344584339364951186',
  roleName: 'Deployer',
  roleSessionName: 'ci-run',
  caller: { type: 'RAMUser', arn: `acs:ram::${ACCOUNT}:user/alice` },
  issuedAt: new Date('2026-01-01T00:00:00Z'),
  expiresAt: new Date('2026-01-01T01:00:00Z'),
};

/** GetCallerIdentity's body, field for field as sts-api.md §6.1 gives it (RequestId is the caller's to add). */
describe(callerIdentity.name, () => {
  it('reports the account root with its account id as PrincipalId and UserId, and no RoleId', () => {
    const sut = callerIdentity(accountPrincipal(ACCOUNT, 'LTAIroot00000000000000'));
    expect(sut).toStrictEqual({ AccountId: ACCOUNT, Arn: `acs:ram::${ACCOUNT}:root`, IdentityType: 'Account', PrincipalId: ACCOUNT, UserId: ACCOUNT });
  });

  it('reports a RAM user with its user id as PrincipalId and UserId, and no RoleId', () => {
    const sut = callerIdentity(ramUserPrincipal(ACCOUNT, '216959339000123', 'alice', 'LTAIalice0000000000000'));
    expect(sut).toStrictEqual({ AccountId: ACCOUNT, Arn: `acs:ram::${ACCOUNT}:user/alice`, IdentityType: 'RAMUser', PrincipalId: '216959339000123', UserId: '216959339000123' });
  });

  it('reports a role session as assumed-role/<role>/<session>, PrincipalId <RoleId>:<session>, its RoleId and no UserId', () => {
    const sut = callerIdentity(assumedRolePrincipal(session));
    expect(sut).toStrictEqual({
      AccountId: ACCOUNT,
      Arn: `acs:ram::${ACCOUNT}:assumed-role/Deployer/ci-run`,
      IdentityType: 'AssumedRoleUser',
      PrincipalId: '344584339364951186:ci-run',
      RoleId: '344584339364951186',
    });
  });

  it("reports a cross-account session in the role's account, not the caller's", () => {
    const other = { ...session, caller: { type: 'RAMUser' as const, arn: 'acs:ram::6543210987654321:user/bob' } };
    expect(callerIdentity(assumedRolePrincipal(other))).toMatchObject({ AccountId: ACCOUNT, Arn: `acs:ram::${ACCOUNT}:assumed-role/Deployer/ci-run` });
  });
});
