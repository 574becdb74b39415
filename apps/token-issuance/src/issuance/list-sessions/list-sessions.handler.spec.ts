import type { DirectoryView, RevocationView } from '@opensts/access';
import type { SessionClaims } from '@opensts/sts-core/token';
import { ROLE } from '../../../test/issuance.fixtures';
import { Clock } from '../clock';
import type { SessionReadModel } from '../infrastructure/session.read-model';
import { ListSessionsHandler, MAX_ROWS_SCANNED } from './list-sessions.handler';

const session = (n: number): SessionClaims => ({
  accessKeyId: `STS.${String(n).padStart(24, '0')}`,
  mechanism: 'AssumeRole',
  accountId: ROLE.accountId,
  roleId: ROLE.roleId,
  roleName: ROLE.roleName,
  roleSessionName: `s${n}`,
  caller: { type: 'RAMUser', arn: 'u' },
  issuedAt: new Date(),
  expiresAt: new Date(Date.now() + 3_600_000),
});

describe(ListSessionsHandler.name, () => {
  const all = Array.from({ length: 7 }, (_, i) => session(i + 1));
  let revoked: Set<string>;
  let sut: ListSessionsHandler;

  beforeEach(() => {
    revoked = new Set();
    // a read model over `all`, paged by AccessKeyId like the SQL one
    const readModel = {
      page: async (f: { roleId?: string; after?: string; limit: number }) => {
        const rest = all.filter((s) => (f.after === undefined || s.accessKeyId > f.after) && (f.roleId === undefined || s.roleId === f.roleId));
        const sessions = rest.slice(0, f.limit);
        return { sessions, next: rest.length > f.limit ? sessions[sessions.length - 1].accessKeyId : undefined };
      },
    } as unknown as SessionReadModel;
    const directory = { role: (_a: string, name: string) => (name.toLowerCase() === 'adminrole' ? ROLE : undefined) } as unknown as DirectoryView;
    const revocations = { isRevoked: (s: SessionClaims) => revoked.has(s.accessKeyId) } as unknown as RevocationView;
    sut = new ListSessionsHandler(readModel, directory, revocations, new Clock());
  });

  it('pages with a marker and leaves out what the revocation view refuses (e.g. a deleted role), still filling each page', async () => {
    revoked.add(all[1].accessKeyId);
    revoked.add(all[2].accessKeyId);
    const first = await sut.execute({ accountId: ROLE.accountId, maxItems: 3 });
    expect(first.sessions.map((s) => s.roleSessionName)).toEqual(['s1', 's4', 's5']);
    const second = await sut.execute({ accountId: ROLE.accountId, maxItems: 3, marker: first.marker });
    expect(second).toEqual({ sessions: [all[5], all[6]] });
  });

  it('filters by role and refuses an unknown role or a bad account id', async () => {
    expect((await sut.execute({ accountId: ROLE.accountId, roleArn: ROLE.arn })).sessions).toHaveLength(7);
    await expect(sut.execute({ accountId: ROLE.accountId, roleArn: `acs:ram::${ROLE.accountId}:role/gone` })).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
    await expect(sut.execute({ accountId: 'abc' })).rejects.toMatchObject({ code: 'InvalidParameter.AccountId' });
    await expect(sut.execute({ accountId: ROLE.accountId, maxItems: 5000 })).rejects.toMatchObject({ code: 'InvalidParameter.MaxItems' });
  });
});

describe(`${ListSessionsHandler.name} behind many revoked sessions (a deleted role's stay until they expire)`, () => {
  const sutOver = (rows: SessionClaims[], revoked: ReadonlySet<string>) => {
    const reads = { queries: 0 };
    const readModel = {
      page: async (f: { after?: string; limit: number }) => {
        reads.queries++;
        const rest = rows.filter((s) => f.after === undefined || s.accessKeyId > f.after);
        const sessions = rest.slice(0, f.limit);
        return { sessions, next: rest.length > f.limit ? sessions[sessions.length - 1].accessKeyId : undefined };
      },
    } as unknown as SessionReadModel;
    const revocations = { isRevoked: (s: SessionClaims) => revoked.has(s.accessKeyId) } as unknown as RevocationView;
    return { reads, sut: new ListSessionsHandler(readModel, {} as DirectoryView, revocations, new Clock()) };
  };
  const rows = (n: number) => Array.from({ length: n }, (_, i) => session(i + 1));

  it('reads them a page of 100 at a time, not one query per row, even for MaxItems=1', async () => {
    const all = rows(3_002);
    const { reads, sut } = sutOver(all, new Set(all.slice(0, 3_000).map((s) => s.accessKeyId)));
    const first = await sut.execute({ accountId: ROLE.accountId, maxItems: 1 });
    expect(first).toEqual({ sessions: [all[3_000]], marker: all[3_000].accessKeyId });
    expect(reads.queries).toBeLessThanOrEqual(31);
    expect(await sut.execute({ accountId: ROLE.accountId, maxItems: 1, marker: first.marker })).toEqual({ sessions: [all[3_001]] });
  });

  it(`stops after ${MAX_ROWS_SCANNED} rows with a marker to go on from, live sessions found so far included`, async () => {
    const all = rows(MAX_ROWS_SCANNED + 1_001);
    const live = new Set([all[10].accessKeyId, all[MAX_ROWS_SCANNED + 1_000].accessKeyId]);
    const { sut } = sutOver(all, new Set(all.filter((s) => !live.has(s.accessKeyId)).map((s) => s.accessKeyId)));
    const first = await sut.execute({ accountId: ROLE.accountId, maxItems: 10 });
    expect(first.sessions).toEqual([all[10]]);
    expect(first.marker).toBe(all[MAX_ROWS_SCANNED - 1].accessKeyId);
    expect(await sut.execute({ accountId: ROLE.accountId, maxItems: 10, marker: first.marker })).toEqual({ sessions: [all[MAX_ROWS_SCANNED + 1_000]] });
  });
});
