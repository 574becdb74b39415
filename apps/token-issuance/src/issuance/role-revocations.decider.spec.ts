import { DeciderSpecification, refusedWith } from '../../test/decider.specification';
import { RevokeRoleSessions, RoleRevocationsDecider, RoleRevocationsEvent } from './role-revocations.decider';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const ROLE = { accountId: '1234567890123456', roleId: '344584339364951186', arn: 'acs:ram::1234567890123456:role/AdminRole' };

const revokeRole = (overrides: Partial<RevokeRoleSessions['data']> = {}): RevokeRoleSessions => ({
  type: 'RevokeRoleSessions',
  data: { requestedRoleArn: 'acs:ram::1234567890123456:role/adminrole', role: ROLE, now: NOW, ...overrides },
});

const revoked = (issuedBefore: string, revokedAt = NOW.toISOString()): RoleRevocationsEvent => ({
  type: 'RoleSessionsRevoked',
  schemaVersion: 1,
  payload: { accountId: ROLE.accountId, roleId: ROLE.roleId, roleArn: ROLE.arn, issuedBefore, revokedAt },
});

describe('RoleRevocationsDecider', () => {
  const sut = DeciderSpecification.for(RoleRevocationsDecider);

  describe('RevokeRoleSessions', () => {
    it('revokes every session issued before now when no instant is given', () => {
      sut.given([]).when(revokeRole()).then([revoked('2026-03-01T10:00:00.000Z')]);
    });

    it('revokes up to an earlier instant and later moves the cut-off forward', () => {
      sut.given([]).when(revokeRole({ issuedBefore: new Date('2026-03-01T09:00:00Z') })).then([revoked('2026-03-01T09:00:00.000Z')]);
      sut.given([revoked('2026-03-01T09:00:00.000Z')]).when(revokeRole()).then([revoked('2026-03-01T10:00:00.000Z')]);
    });

    it('refuses a role the directory does not know', () => {
      sut.given([]).when(revokeRole({ role: undefined })).thenThrows(refusedWith('EntityNotExist.Role', 'The role not exists: acs:ram::1234567890123456:role/adminrole.'));
    });

    it('refuses a cut-off in the future (that would disable the role, not revoke sessions)', () => {
      sut.given([]).when(revokeRole({ issuedBefore: new Date(NOW.getTime() + 1) })).thenThrows(refusedWith('InvalidParameter.IssuedBefore'));
    });

    it('changes nothing when an equal or later cut-off is already in force', () => {
      sut.given([revoked('2026-03-01T10:00:00.000Z')]).when(revokeRole()).thenNothingHappened();
      sut.given([revoked('2026-03-01T10:00:00.000Z')]).when(revokeRole({ issuedBefore: new Date('2026-03-01T08:00:00Z') })).thenNothingHappened();
    });
  });

  it('folds to the latest cut-off even if an older one is replayed after it', () => {
    const state = [revoked('2026-03-01T10:00:00.000Z'), revoked('2026-03-01T09:00:00.000Z')].reduce(RoleRevocationsDecider.evolve, RoleRevocationsDecider.initialState());
    expect(state).toEqual({ status: 'RevokedBefore', issuedBefore: new Date('2026-03-01T10:00:00.000Z') });
  });
});
