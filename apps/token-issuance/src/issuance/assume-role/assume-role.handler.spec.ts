import { randomBytes } from 'node:crypto';
import { DirectoryView, PermissionEvaluator, RoleView } from '@opensts/access';
import { KeyRing } from '@opensts/sts-core/crypto';
import { IdGenerator } from '@opensts/sts-core/ids';
import { CompiledPolicy, compilePolicy, parsePolicy } from '@opensts/sts-core/policy';
import { accountPrincipal, assumedRolePrincipal, CallerPrincipal, ramUserPrincipal } from '@opensts/sts-core/principal';
import { SecurityTokenCodec } from '@opensts/sts-core/token';
import { InMemoryEventStore } from '../../../test/in-memory-event-store';
import { Clock } from '../clock';
import { CommandHandler } from '../command-handler';
import type { EventStore } from '../infrastructure/event-store';
import { SessionIssuer } from '../session-issuer';
import { AssumeRoleHandler, AssumeRoleInput } from './assume-role.handler';
import { assumeRoleBody } from './assume-role.response';

const ACCOUNT = '1234567890123456';
const NOW = new Date('2026-03-01T10:00:00.400Z');
const compile = (doc: object, kind: 'identity' | 'trust', ref: string): CompiledPolicy => {
  const parsed = parsePolicy(JSON.stringify(doc), kind);
  if (!parsed.ok) throw parsed.error;
  return compilePolicy(parsed.document, ref);
};
const allowAssume = (resource = '*') => compile({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resource }] }, 'identity', 'policy:Custom:assume');
const trust = (principals: string[], condition?: object) =>
  compile({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: principals }, ...(condition ? { Condition: condition } : {}) }] }, 'trust', 'trust-policy:AdminRole');
const role = (overrides: Partial<RoleView> = {}): RoleView => ({
  accountId: ACCOUNT,
  roleId: '344584339364951186',
  roleName: 'AdminRole',
  arn: `acs:ram::${ACCOUNT}:role/AdminRole`,
  trustPolicyDocument: '',
  trustPolicy: trust([`acs:ram::${ACCOUNT}:root`]),
  maxSessionDuration: 43200,
  ...overrides,
});

const alice = ramUserPrincipal(ACCOUNT, '2100000000000000001', 'alice', 'LTAIalice000000000000000');
const params = (extra: Record<string, string> = {}) => ({ RoleArn: `acs:ram::${ACCOUNT}:role/adminrole`, RoleSessionName: 'alice-session', ...extra });
const input = (caller: CallerPrincipal, extra: Record<string, string> = {}): AssumeRoleInput => ({ caller, params: params(extra), context: { requestId: 'REQ-1', sourceIp: '10.1.2.3', secureTransport: true } });

describe(AssumeRoleHandler.name, () => {
  let roles: Map<string, RoleView>;
  let policies: Map<string, CompiledPolicy[]>;
  let store: InMemoryEventStore;
  let codec: SecurityTokenCodec;
  let ids: jest.Mocked<IdGenerator>;
  let sut: AssumeRoleHandler;

  beforeEach(() => {
    roles = new Map([[`${ACCOUNT}:adminrole`, role()]]);
    policies = new Map([[`User:${alice.userId}`, [allowAssume()]]]);
    const directory = {
      role: jest.fn((account: string, name: string) => roles.get(`${account}:${name.toLowerCase()}`)),
      identityPolicies: jest.fn((_account: string, p: { type: string; id: string }) => policies.get(`${p.type}:${p.id}`) ?? []),
    } as unknown as DirectoryView;
    store = new InMemoryEventStore();
    codec = new SecurityTokenCodec(new KeyRing([{ id: 'k1', key: randomBytes(32) }], 'k1'));
    let n = 0;
    ids = { temporaryAccessKeyId: jest.fn(() => `STS.${String(++n).padStart(24, '0')}`) } as unknown as jest.Mocked<IdGenerator>;
    const clock = { now: () => NOW } as Clock;
    const eventStore = store as unknown as EventStore;
    sut = new AssumeRoleHandler(directory, new PermissionEvaluator(directory), new SessionIssuer(new CommandHandler(eventStore), eventStore, codec, ids), clock);
  });

  it('issues credentials for a RAM user allowed by its policies and the trust policy, after committing SessionIssued', async () => {
    const result = await sut.execute(input(alice, { DurationSeconds: '7200', SourceIdentity: 'alice@corp' }));
    expect(assumeRoleBody(result)).toEqual({
      AssumedRoleUser: { Arn: `acs:ram::${ACCOUNT}:role/AdminRole/alice-session`, AssumedRoleId: '344584339364951186:alice-session' },
      Credentials: { AccessKeyId: 'STS.000000000000000000000001', AccessKeySecret: expect.stringMatching(/^[0-9A-Za-z]{40}$/), SecurityToken: expect.any(String), Expiration: '2026-03-01T12:00:00Z' },
      SourceIdentity: 'alice@corp',
    });
    expect(store.streams.get('session-STS.000000000000000000000001')).toEqual([
      expect.objectContaining({ type: 'SessionIssued', schemaVersion: 2, payload: expect.objectContaining({ caller: { type: 'RAMUser', arn: alice.arn }, issuedAt: '2026-03-01T10:00:00Z', durationSeconds: 7200 }) }),
    ]);
    const verified = codec.verify(result.credentials.securityToken, result.credentials.accessKeyId, NOW);
    expect(verified).toMatchObject({ ok: true, value: { accessKeySecret: result.credentials.accessKeySecret, session: { roleName: 'AdminRole', roleSessionName: 'alice-session', sourceIdentity: 'alice@corp' } } });
  });

  it('leaves SourceIdentity out of the response when none was supplied', async () => {
    expect(assumeRoleBody(await sut.execute(input(alice)))).not.toHaveProperty('SourceIdentity');
  });

  it('refuses the account root and records the refusal', async () => {
    await expect(sut.execute(input(accountPrincipal(ACCOUNT, 'LTAIroot')))).rejects.toMatchObject({ code: 'NoPermission', message: 'Roles may not be assumed by root accounts.' });
    expect(store.all()).toEqual([]);
    expect(store.published).toEqual([{ type: 'AssumeRoleRefused', schemaVersion: 1, payload: expect.objectContaining({ errorCode: 'NoPermission', roleArn: `acs:ram::${ACCOUNT}:role/adminrole`, caller: { type: 'Account', arn: `acs:ram::${ACCOUNT}:root` } }) }]);
  });

  it('refuses an unknown role with EntityNotExist.Role quoting the ARN', async () => {
    await expect(sut.execute(input(alice, { RoleArn: `acs:ram::${ACCOUNT}:role/nope` }))).rejects.toMatchObject({ code: 'EntityNotExist.Role', message: `The role not exists: acs:ram::${ACCOUNT}:role/nope.` });
  });

  it('refuses when the identity policies do not allow sts:AssumeRole on the role', async () => {
    policies.set(`User:${alice.userId}`, [allowAssume(`acs:ram:*:${ACCOUNT}:role/other`)]);
    await expect(sut.execute(input(alice))).rejects.toMatchObject({ code: 'NoPermission', message: 'You are not authorized to do this action. You should be authorized by RAM.' });
    expect(store.all()).toEqual([]);
    expect(store.published).toHaveLength(1);
  });

  it('refuses when the trust policy does not name the caller', async () => {
    roles.set(`${ACCOUNT}:adminrole`, role({ trustPolicy: trust([`acs:ram::${ACCOUNT}:user/bob`]) }));
    await expect(sut.execute(input(alice))).rejects.toMatchObject({ code: 'NoPermission' });
  });

  it('evaluates ExternalId and SourceIp as condition keys of the trust policy', async () => {
    roles.set(`${ACCOUNT}:adminrole`, role({ trustPolicy: trust([`acs:ram::${ACCOUNT}:root`], { StringEquals: { 'sts:ExternalId': 'abcd1234' }, IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } }) }));
    await expect(sut.execute(input(alice))).rejects.toMatchObject({ code: 'NoPermission' });
    await expect(sut.execute(input(alice, { ExternalId: 'wrong-id' }))).rejects.toMatchObject({ code: 'NoPermission' });
    await expect(sut.execute(input(alice, { ExternalId: 'abcd1234' }))).resolves.toBeDefined();
    await expect(sut.execute({ ...input(alice, { ExternalId: 'abcd1234' }), context: { requestId: 'R', sourceIp: '192.168.1.1', secureTransport: true } })).rejects.toMatchObject({ code: 'NoPermission' });
  });

  it('assumes a role of another account that trusts the caller account, the session belonging to the role account', async () => {
    const OTHER = '6543210987654321';
    roles.set(`${OTHER}:auditor`, role({ accountId: OTHER, roleId: '777', roleName: 'Auditor', arn: `acs:ram::${OTHER}:role/Auditor` }));
    policies.set(`User:${alice.userId}`, [allowAssume(`acs:ram:*:${OTHER}:role/auditor`)]);
    const result = await sut.execute(input(alice, { RoleArn: `acs:ram::${OTHER}:role/auditor` }));
    expect(result.claims).toMatchObject({ accountId: OTHER, roleName: 'Auditor', caller: { arn: alice.arn } });
    expect(assumeRoleBody(result).AssumedRoleUser).toEqual({ Arn: `acs:ram::${OTHER}:role/Auditor/alice-session`, AssumedRoleId: '777:alice-session' });
    roles.set(`${OTHER}:auditor`, role({ accountId: OTHER, roleId: '777', roleName: 'Auditor', arn: `acs:ram::${OTHER}:role/Auditor`, trustPolicy: trust([`acs:ram::${OTHER}:root`]) }));
    await expect(sut.execute(input(alice, { RoleArn: `acs:ram::${OTHER}:role/auditor` }))).rejects.toMatchObject({ code: 'NoPermission' });
  });

  it('refuses a duration above the role maximum with InvalidParameter.DurationSeconds', async () => {
    roles.set(`${ACCOUNT}:adminrole`, role({ maxSessionDuration: 3600 }));
    await expect(sut.execute(input(alice, { DurationSeconds: '3601' }))).rejects.toMatchObject({ code: 'InvalidParameter.DurationSeconds' });
  });

  describe('role chaining (a role session calls)', () => {
    const session = (policy?: string, sourceIdentity?: string) =>
      assumedRolePrincipal({
        ...(sourceIdentity && { sourceIdentity }),
        accessKeyId: 'STS.CHAINCHAINCHAINCHAINCHA',
        mechanism: 'AssumeRole',
        accountId: ACCOUNT,
        roleId: '555',
        roleName: 'ops',
        roleSessionName: 'bob',
        caller: { type: 'RAMUser', arn: `acs:ram::${ACCOUNT}:user/bob` },
        policy,
        issuedAt: new Date(NOW.getTime() - 60_000),
        expiresAt: new Date(NOW.getTime() + 3_600_000),
      });

    beforeEach(() => {
      policies.set('Role:555', [allowAssume()]);
      roles.set(`${ACCOUNT}:adminrole`, role({ trustPolicy: trust([`acs:ram::${ACCOUNT}:role/ops`]) }));
    });

    it('issues when the role policies allow and the trust policy names the calling role, capped at one hour', async () => {
      const result = await sut.execute(input(session()));
      expect(result.claims.caller).toEqual({ type: 'AssumedRoleUser', arn: `acs:ram::${ACCOUNT}:assumed-role/ops/bob` });
      await expect(sut.execute(input(session(), { DurationSeconds: '3601' }))).rejects.toMatchObject({ code: 'InvalidParameter.DurationSeconds' });
    });

    it("passes the caller's SourceIdentity on, and refuses to replace it", async () => {
      expect((await sut.execute(input(session(undefined, 'alice-sso')))).claims.sourceIdentity).toBe('alice-sso');
      expect((await sut.execute(input(session(undefined, 'alice-sso'), { SourceIdentity: 'alice-sso' }))).claims.sourceIdentity).toBe('alice-sso');
      await expect(sut.execute(input(session(undefined, 'alice-sso'), { SourceIdentity: 'mallory' }))).rejects.toMatchObject({ code: 'InvalidParameter.SourceIdentity', httpStatus: 400 });
      expect((await sut.execute(input(session(), { SourceIdentity: 'first-set' }))).claims.sourceIdentity).toBe('first-set');
    });

    it("applies the caller's own session policy to its sts:AssumeRole permission and does not pass it on", async () => {
      const narrow = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:GetObject', Resource: '*' }] });
      await expect(sut.execute(input(session(narrow)))).rejects.toMatchObject({ code: 'NoPermission' });
      const wide = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] });
      expect((await sut.execute(input(session(wide)))).claims.policy).toBeUndefined();
    });
  });

  it('answers only after the append committed: a failed append hands out nothing', async () => {
    store.failNextAppend = new Error('database unreachable');
    await expect(sut.execute(input(alice))).rejects.toThrow('database unreachable');
    expect(store.all()).toEqual([]);
  });

  it('mints another AccessKeyId when the minted one already names a session', async () => {
    await sut.execute(input(alice));
    ids.temporaryAccessKeyId.mockReturnValueOnce('STS.000000000000000000000001');
    const result = await sut.execute(input(alice, { RoleSessionName: 'second' }));
    expect(result.credentials.accessKeyId).not.toBe('STS.000000000000000000000001');
    expect(store.streams.size).toBe(2);
  });

  it('records refusals for request-shape errors too, with the code the caller got', async () => {
    await expect(sut.execute(input(alice, { RoleSessionName: 'x' }))).rejects.toMatchObject({ code: 'InvalidParameter.RoleSessionName' });
    expect(store.published[0].payload).toMatchObject({ errorCode: 'InvalidParameter.RoleSessionName', roleSessionName: 'x' });
  });
});
