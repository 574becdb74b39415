import type { DirectoryView, RevocationView } from '@opensts/access';
import type { SessionClaims } from '@opensts/sts-core/token';
import { ROLE } from '../../../test/issuance.fixtures';
import { Clock } from '../clock';
import type { SessionReadModel } from '../infrastructure/session.read-model';
import { ListSessionsHandler } from './list-sessions.handler';

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
