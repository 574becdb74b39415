import type { SessionIssuedV2 } from '@opensts/sts-core/events';
import { DeciderSpecification, refusedWith } from '../../test/decider.specification';
import { SessionAlreadyIssuedError } from './issuance.errors';
import { IssuableRole, IssueSession, RevokeSession, SessionDecider, SessionEvent } from './session.decider';

const NOW = new Date('2026-03-01T10:00:00.750Z');
const ROLE: IssuableRole = { accountId: '1234567890123456', roleId: '344584339364951186', roleName: 'AdminRole', arn: 'acs:ram::1234567890123456:role/AdminRole', maxSessionDuration: 7200 };
const USER = { type: 'RAMUser' as const, arn: 'acs:ram::1234567890123456:user/alice' };
const ALLOW = { decision: 'Allow' as const };

const issue = (overrides: Partial<IssueSession['data']> = {}): IssueSession => ({
  type: 'IssueSession',
  data: {
    accessKeyId: 'STS.AAAAAAAAAAAAAAAAAAAAAAAA',
    mechanism: 'AssumeRole',
    caller: USER,
    requestedRoleArn: 'acs:ram::1234567890123456:role/adminrole',
    role: ROLE,
    roleSessionName: 'alice',
    authorization: ALLOW,
    now: NOW,
    ...overrides,
  },
});

const issued = (overrides: Partial<SessionIssuedV2> = {}): SessionEvent => ({
  type: 'SessionIssued',
  schemaVersion: 2,
  payload: {
    accessKeyId: 'STS.AAAAAAAAAAAAAAAAAAAAAAAA',
    accountId: ROLE.accountId,
    roleId: ROLE.roleId,
    roleName: 'AdminRole',
    roleArn: ROLE.arn,
    roleSessionName: 'alice',
    mechanism: 'AssumeRole',
    caller: USER,
    hasSessionPolicy: false,
    issuedAt: '2026-03-01T10:00:00Z',
    expiration: '2026-03-01T11:00:00Z',
    durationSeconds: 3600,
    ...overrides,
  },
});

const revoke = (now = new Date('2026-03-01T10:20:00.000Z'), reason?: string): RevokeSession => ({
  type: 'RevokeSession',
  data: { accessKeyId: 'STS.AAAAAAAAAAAAAAAAAAAAAAAA', reason, now },
});

describe('SessionDecider', () => {
  const sut = DeciderSpecification.for(SessionDecider);

  describe('IssueSession', () => {
    it('issues a session for the stored role, issued at the whole second, for the default hour', () => {
      sut.given([]).when(issue()).then([issued()]);
    });

    it('grants the requested duration up to the role maximum and carries policy and source identity', () => {
      const policy = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*"}]}';
      sut
        .given([])
        .when(issue({ durationSeconds: 7200, sessionPolicy: policy, sourceIdentity: 'alice@corp' }))
        .then([issued({ durationSeconds: 7200, expiration: '2026-03-01T12:00:00Z', hasSessionPolicy: true, sessionPolicy: policy, sourceIdentity: 'alice@corp' })]);
    });

    it('refuses the account root, whatever the verdict', () => {
      sut
        .given([])
        .when(issue({ caller: { type: 'Account', arn: 'acs:ram::1234567890123456:root' } }))
        .thenThrows(refusedWith('NoPermission', 'Roles may not be assumed by root accounts.'));
    });

    it('refuses a role the directory does not know, quoting the requested ARN', () => {
      sut.given([]).when(issue({ role: undefined, authorization: undefined })).thenThrows(refusedWith('EntityNotExist.Role', 'The role not exists: acs:ram::1234567890123456:role/adminrole.'));
    });

    it('checks the root caller before the role, the role before the duration, the duration before the verdict', () => {
      const root = { type: 'Account' as const, arn: 'acs:ram::1234567890123456:root' };
      sut.given([]).when(issue({ caller: root, role: undefined })).thenThrows(refusedWith('NoPermission', /root accounts/));
      sut.given([]).when(issue({ role: undefined, durationSeconds: 99_999 })).thenThrows(refusedWith('EntityNotExist.Role'));
      sut.given([]).when(issue({ durationSeconds: 99_999, authorization: { decision: 'ImplicitDeny' } })).thenThrows(refusedWith('InvalidParameter.DurationSeconds'));
    });

    it.each([899, 7201, 1800.5])('refuses DurationSeconds %p outside 900..MaxSessionDuration', (durationSeconds) => {
      sut.given([]).when(issue({ durationSeconds })).thenThrows(refusedWith('InvalidParameter.DurationSeconds'));
    });

    it('caps a chained AssumeRole (a role session calling) at one hour even when the role allows more', () => {
      const session = { type: 'AssumedRoleUser' as const, arn: 'acs:ram::1234567890123456:assumed-role/ops/bob' };
      sut.given([]).when(issue({ caller: session, durationSeconds: 3601 })).thenThrows(refusedWith('InvalidParameter.DurationSeconds'));
      sut.given([]).when(issue({ caller: session, durationSeconds: 3600 })).then([issued({ caller: session })]);
    });

    it.each([
      ['an implicit deny', { decision: 'ImplicitDeny' as const, refusedBy: 'IdentityPolicy' as const }],
      ['an explicit deny of the trust policy', { decision: 'ExplicitDeny' as const, refusedBy: 'TrustPolicy' as const }],
    ])('refuses with NoPermission on %s', (_, authorization) => {
      sut.given([]).when(issue({ authorization })).thenThrows(refusedWith('NoPermission', 'You are not authorized to do this action. You should be authorized by RAM.'));
    });

    describe('for a federated caller (AssumeRoleWithSAML / AssumeRoleWithOIDC)', () => {
      const oidc = { type: 'OIDCProvider' as const, arn: 'acs:ram::1234567890123456:oidc-provider/gh' };
      const saml = { type: 'SAMLProvider' as const, arn: 'acs:ram::1234567890123456:saml-provider/adfs' };
      const person = { issuer: 'https://token.actions.example.com', subject: 'repo:acme/app:ref:refs/heads/main' };

      it('issues the session with the identity the provider vouched for, for the role maximum (no chaining cap)', () => {
        sut
          .given([])
          .when(issue({ mechanism: 'AssumeRoleWithOIDC', caller: oidc, federatedIdentity: person, durationSeconds: 7200 }))
          .then([issued({ mechanism: 'AssumeRoleWithOIDC', caller: oidc, federatedIdentity: person, durationSeconds: 7200, expiration: '2026-03-01T12:00:00Z' })]);
      });

      it('answers a refused trust policy with AuthenticationFail.NoPermission 401, not the 403 of a signed caller', () => {
        const refused = { decision: 'ImplicitDeny' as const, refusedBy: 'TrustPolicy' as const };
        for (const [mechanism, caller] of [['AssumeRoleWithOIDC', oidc], ['AssumeRoleWithSAML', saml]] as const) {
          sut.given([]).when(issue({ mechanism, caller, authorization: refused })).thenThrows(refusedWith('AuthenticationFail.NoPermission', 'There is no permission'));
        }
      });

      it('names a missing role as each API does: EntityNotExist.RoleArn for SAML, EntityNotExist.Role for OIDC', () => {
        sut.given([]).when(issue({ mechanism: 'AssumeRoleWithSAML', caller: saml, role: undefined, authorization: undefined })).thenThrows(refusedWith('EntityNotExist.RoleArn', 'The specified Role does not exists.'));
        sut.given([]).when(issue({ mechanism: 'AssumeRoleWithOIDC', caller: oidc, role: undefined, authorization: undefined })).thenThrows(refusedWith('EntityNotExist.Role', /The role not exists/));
      });
    });

    it('changes nothing when the same issuance is decided again (a retry whose append had committed)', () => {
      sut.given([issued()]).when(issue()).thenNothingHappened();
    });

    it('refuses to put a second session on a stream (an AccessKeyId collision)', () => {
      sut.given([issued()]).when(issue({ roleSessionName: 'mallory' })).thenThrows((e) => expect(e).toBeInstanceOf(SessionAlreadyIssuedError));
    });
  });

  describe('RevokeSession', () => {
    it('revokes an active session, with its reason', () => {
      sut
        .given([issued()])
        .when(revoke(undefined, 'leaked in a log'))
        .then([
          {
            type: 'SessionRevoked',
            schemaVersion: 1,
            payload: { accessKeyId: 'STS.AAAAAAAAAAAAAAAAAAAAAAAA', accountId: ROLE.accountId, roleId: ROLE.roleId, roleArn: ROLE.arn, reason: 'leaked in a log', revokedAt: '2026-03-01T10:20:00.000Z' },
          },
        ]);
    });

    it('refuses a session that was never issued', () => {
      sut.given([]).when(revoke()).thenThrows(refusedWith('EntityNotExist.Session', 'The session not exists: STS.AAAAAAAAAAAAAAAAAAAAAAAA.'));
    });

    it('changes nothing when the session is already revoked', () => {
      const first = SessionDecider.decide(revoke(), SessionDecider.evolve(SessionDecider.initialState(), issued()));
      sut.given([issued(), ...first]).when(revoke()).thenNothingHappened();
    });

    it('changes nothing once the session has expired', () => {
      sut.given([issued()]).when(revoke(new Date('2026-03-01T11:00:00.000Z'))).thenNothingHappened();
    });
  });
});
