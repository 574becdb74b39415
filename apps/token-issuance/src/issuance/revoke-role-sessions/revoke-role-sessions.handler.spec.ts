import type { DirectoryView } from '@opensts/access';
import { InMemoryEventStore } from '../../../test/in-memory-event-store';
import { ROLE } from '../../../test/issuance.fixtures';
import { Clock } from '../clock';
import { CommandHandler } from '../command-handler';
import type { EventStore } from '../infrastructure/event-store';
import { RevokeRoleSessionsHandler } from './revoke-role-sessions.handler';

const NOW = new Date('2026-03-01T10:00:00.000Z');

describe(RevokeRoleSessionsHandler.name, () => {
  let store: InMemoryEventStore;
  let sut: RevokeRoleSessionsHandler;

  beforeEach(() => {
    store = new InMemoryEventStore();
    const directory = { role: (account: string, name: string) => (account === ROLE.accountId && name.toLowerCase() === 'adminrole' ? ROLE : undefined) } as unknown as DirectoryView;
    sut = new RevokeRoleSessionsHandler(directory, new CommandHandler(store as unknown as EventStore), { now: () => NOW } as Clock);
  });

  it('moves the role cut-off to now on the role-revocations stream, found case-insensitively', async () => {
    expect(await sut.execute({ roleArn: `acs:ram::${ROLE.accountId}:role/adminrole` })).toEqual({ revokedBefore: NOW });
    expect(store.streams.get(`role-revocations-${ROLE.roleId}`)).toEqual([expect.objectContaining({ type: 'RoleSessionsRevoked', payload: expect.objectContaining({ roleArn: ROLE.arn, issuedBefore: NOW.toISOString() }) })]);
  });

  it('keeps a later cut-off in force and reports it', async () => {
    await sut.execute({ roleArn: ROLE.arn });
    expect(await sut.execute({ roleArn: ROLE.arn, issuedBefore: '2026-03-01T09:00:00Z' })).toEqual({ revokedBefore: NOW });
    expect(store.streams.get(`role-revocations-${ROLE.roleId}`)).toHaveLength(1);
  });

  it.each([
    [{ roleArn: 'acs:ram::1:role' }, 'InvalidParameter.RoleArn'],
    [{ roleArn: `acs:ram::${ROLE.accountId}:role/other` }, 'EntityNotExist.Role'],
    [{ roleArn: ROLE.arn, issuedBefore: 'yesterday' }, 'InvalidParameter.IssuedBefore'],
    [{ roleArn: ROLE.arn, issuedBefore: '2026-03-02T00:00:00Z' }, 'InvalidParameter.IssuedBefore'],
  ])('refuses %j with %s, writing nothing', async (input, code) => {
    await expect(sut.execute(input)).rejects.toMatchObject({ code });
    expect(store.all()).toEqual([]);
  });
});
