import { InMemoryEventStore } from '../../../test/in-memory-event-store';
import { ROLE, sessionIssued } from '../../../test/issuance.fixtures';
import { Clock } from '../clock';
import { CommandHandler } from '../command-handler';
import type { EventStore } from '../infrastructure/event-store';
import { RevokeSessionHandler } from './revoke-session.handler';

describe(RevokeSessionHandler.name, () => {
  const id = 'STS.REVOKEREVOKEREVOKEREVO';
  let store: InMemoryEventStore;
  let sut: RevokeSessionHandler;

  beforeEach(() => {
    store = new InMemoryEventStore();
    store.streams.set(`session-${id}`, [sessionIssued({ accessKeyId: id })]);
    sut = new RevokeSessionHandler(new CommandHandler(store as unknown as EventStore), { now: () => new Date() } as Clock);
  });

  it('appends SessionRevoked to the session stream, with the reason', async () => {
    expect(await sut.execute({ accessKeyId: id, reason: 'leaked' })).toEqual({ revoked: true });
    expect(store.streams.get(`session-${id}`)?.[1]).toMatchObject({ type: 'SessionRevoked', payload: { accessKeyId: id, roleId: ROLE.roleId, reason: 'leaked' } });
  });

  it('reports false and appends nothing the second time', async () => {
    await sut.execute({ accessKeyId: id });
    expect(await sut.execute({ accessKeyId: id })).toEqual({ revoked: false });
    expect(store.streams.get(`session-${id}`)).toHaveLength(2);
  });

  it('refuses an id that is not a temporary AccessKeyId, and an unknown session', async () => {
    await expect(sut.execute({ accessKeyId: 'LTAIxxxxxxxxxxxxxxxxxxxx' })).rejects.toMatchObject({ code: 'InvalidParameter.AccessKeyId' });
    await expect(sut.execute({ accessKeyId: 'STS.NOPENOPENOPENOPENOPENO' })).rejects.toMatchObject({ code: 'EntityNotExist.Session' });
  });
});
