import type { SessionIssuedV1 } from './session-issued.v1';
import type { IssuanceEvent } from './issuance.events';
import { issuanceSerde, UnknownEventVersionError } from './issuance.serde';

const v1: SessionIssuedV1 = {
  accessKeyId: 'STS.L4aBSCSJVMuKg5U1xxxxAbCd',
  accountId: '1234567890123456',
  roleId: '344584339364951186',
  roleName: 'adminrole',
  roleArn: 'acs:ram::1234567890123456:role/adminrole',
  roleSessionName: 'alice',
  mechanism: 'AssumeRole',
  caller: { type: 'RAMUser', arn: 'acs:ram::1234567890123456:user/alice' },
  hasSessionPolicy: true,
  issuedAt: '2026-03-01T10:00:00Z',
  expiration: '2026-03-01T11:30:00Z',
};

describe('issuanceSerde', () => {
  const sut = issuanceSerde;

  it('upcasts a stored SessionIssued v1 to v2: fields kept, duration derived, policy text unknown', () => {
    const event = sut.deserialise({ type: 'SessionIssued', schemaVersion: 1, payload: JSON.parse(JSON.stringify(v1)) });
    expect(event).toEqual({ type: 'SessionIssued', schemaVersion: 2, payload: { ...v1, durationSeconds: 5400 } });
    expect(event.type === 'SessionIssued' && event.payload.sessionPolicy).toBeUndefined();
  });

  it('writes the newest version and reads it back unchanged', () => {
    const current: IssuanceEvent = { type: 'SessionIssued', schemaVersion: 2, payload: { ...v1, sessionPolicy: '{"Version":"1"}', durationSeconds: 5400 } };
    const wire = JSON.parse(JSON.stringify(sut.serialise(current)));
    expect(wire.schemaVersion).toBe(2);
    expect(sut.deserialise(wire)).toEqual(current);
  });

  it('passes the v1-only events through', () => {
    const revoked: IssuanceEvent = {
      type: 'SessionRevoked',
      schemaVersion: 1,
      payload: { accessKeyId: v1.accessKeyId, accountId: v1.accountId, roleId: v1.roleId, roleArn: v1.roleArn, revokedAt: '2026-03-01T10:10:00.000Z' },
    };
    expect(sut.deserialise(sut.serialise(revoked))).toEqual(revoked);
  });

  it('upcasts envelopes taken off the bus, keeping their identity', () => {
    const envelope = { eventId: 'e-1', type: 'SessionIssued', schemaVersion: 1, occurredAt: v1.issuedAt, aggregateType: 'Session', aggregateId: 's', aggregateVersion: 1, payload: v1 };
    expect(sut.upcastEnvelope(envelope)).toMatchObject({ eventId: 'e-1', aggregateVersion: 1, schemaVersion: 2, payload: { durationSeconds: 5400 } });
  });

  it('refuses a version it does not know instead of guessing', () => {
    expect(() => sut.deserialise({ type: 'SessionIssued', schemaVersion: 3, payload: {} })).toThrow(UnknownEventVersionError);
    expect(() => sut.deserialise({ type: 'SessionRevoked', schemaVersion: 2, payload: {} })).toThrow(UnknownEventVersionError);
    expect(() => sut.deserialise({ type: 'SomethingElse', schemaVersion: 1, payload: {} })).toThrow(UnknownEventVersionError);
  });
});
