import { Errors } from '../errors';
import { authenticateRequest, checkTimestamp, DEFAULT_MAX_SKEW_MS, type CredentialResolution, type NonceStore } from './request.authenticator';
import { signV1, signV3 } from './request.signer';
import { KEYS, LONG_TERM, NOW, TEMPORARY, v1Request, v3Request } from './signed-request.fixtures';
import type { NormalisedRequest, ParsedSignedRequest } from './signing.types';

const MINUTE = 60_000;
const v1 = (timestamp = NOW, nonce = 'nonce-1') =>
  v1Request(signV1({ method: 'POST', params: { Action: 'GetCallerIdentity', Version: '2015-04-01' }, credentials: LONG_TERM, nonce, timestamp }), { method: 'POST' });
const v3 = () => v3Request(signV3({ method: 'POST', host: 'h', action: 'GetCallerIdentity', version: '2015-04-01', credentials: TEMPORARY, nonce: 'nonce-3', date: NOW }));
const anonymous = (timestamp?: string): NormalisedRequest => ({
  method: 'POST',
  path: '/',
  query: [['Action', 'AssumeRoleWithOIDC'], ['Version', '2015-04-01'], ...(timestamp ? [['Timestamp', timestamp] as const] : [])],
  headers: {},
});

class MemoryNonces implements NonceStore {
  readonly seen = new Set<string>();
  claim = jest.fn((accessKeyId: string, nonce: string) => {
    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  });
}

describe(authenticateRequest.name, () => {
  let nonces: MemoryNonces;
  let resolveCredential: jest.Mock<CredentialResolution<string>, [ParsedSignedRequest]>;
  const sut = (req: NormalisedRequest, nowMs = NOW.getTime(), maxSkewMs?: number) =>
    authenticateRequest(req, { nowMs, maxSkewMs, nonces, resolveCredential });

  beforeEach(() => {
    nonces = new MemoryNonces();
    resolveCredential = jest.fn((request: ParsedSignedRequest) => {
      const secret = KEYS(request.accessKeyId);
      return secret === undefined ? { ok: false, error: Errors.accessKeyNotFound() } : { ok: true, secret, principal: `user:${request.accessKeyId}` };
    });
  });

  it.each([
    ['V1', v1, LONG_TERM.accessKeyId, 'nonce-1'],
    ['V3', v3, TEMPORARY.accessKeyId, 'nonce-3'],
  ])('accepts a fresh %s request, returns the principal and claims the nonce until the window closes', async (_, build, accessKeyId, nonce) => {
    const result = await sut(build());

    expect(result).toMatchObject({ ok: true, principal: `user:${accessKeyId}`, request: { accessKeyId, nonce } });
    expect(nonces.claim).toHaveBeenCalledWith(accessKeyId, nonce, NOW.getTime() + DEFAULT_MAX_SKEW_MS);
  });

  it('refuses a replay of the same request', async () => {
    await sut(v1());

    expect(await sut(v1())).toMatchObject({ ok: false, reason: 'NonceUsed', error: { code: 'SignatureNonceUsed' } });
  });

  it('awaits an asynchronous nonce store', async () => {
    const claim = jest.fn(async () => false);

    const result = await authenticateRequest(v1(), { nowMs: NOW.getTime(), nonces: { claim }, resolveCredential });

    expect(result).toMatchObject({ ok: false, reason: 'NonceUsed' });
  });

  it.each([
    ['too old', -16 * MINUTE],
    ['too far in the future', 16 * MINUTE],
  ])('refuses a timestamp %s before looking up the key or touching the nonce', async (_, offset) => {
    const result = await sut(v1(), NOW.getTime() - offset);

    expect(result).toMatchObject({ ok: false, reason: 'TimestampExpired', error: { code: 'InvalidTimeStamp.Expired' } });
    expect(resolveCredential).not.toHaveBeenCalled();
    expect(nonces.claim).not.toHaveBeenCalled();
  });

  it('accepts exactly the edge of the window and honours a configured window', async () => {
    expect((await sut(v1(NOW, 'a'), NOW.getTime() + 15 * MINUTE)).ok).toBe(true);
    expect((await sut(v1(NOW, 'b'), NOW.getTime() + 2 * MINUTE, MINUTE)).ok).toBe(false);
  });

  it('does not burn the nonce of a request whose signature is wrong', async () => {
    resolveCredential.mockReturnValueOnce({ ok: true, secret: 'wrong', principal: 'x' });

    const forged = await sut(v1());
    const genuine = await sut(v1());

    expect(forged).toMatchObject({ ok: false, reason: 'SignatureMismatch' });
    expect(genuine.ok).toBe(true);
  });

  it('passes the resolver refusal through', async () => {
    resolveCredential.mockReturnValueOnce({ ok: false, error: Errors.accessKeyInactive() });

    const result = await sut(v1());

    expect(result).toMatchObject({ ok: false, reason: 'CredentialRejected', error: { code: 'InvalidAccessKeyId.Inactive' } });
    expect(nonces.claim).not.toHaveBeenCalled();
  });

  it('refuses a malformed request before anything else', async () => {
    const req = v1();
    const result = await sut({ ...req, query: req.query.map(([n, v]) => [n, n === 'Timestamp' ? 'now' : v] as const) });

    expect(result).toMatchObject({ ok: false, reason: 'BadTimestampFormat' });
    expect(resolveCredential).not.toHaveBeenCalled();
  });

  it('accepts an anonymous action without key lookup or nonce, but still checks a timestamp it carries', async () => {
    expect(await sut(anonymous())).toMatchObject({ ok: true, principal: undefined, request: { scheme: 'anonymous' } });
    expect(await sut(anonymous('2020-01-01T00:00:00Z'))).toMatchObject({ ok: false, reason: 'TimestampExpired' });
    expect(resolveCredential).not.toHaveBeenCalled();
    expect(nonces.claim).not.toHaveBeenCalled();
  });
});

describe(checkTimestamp.name, () => {
  const request = { scheme: 'anonymous', action: 'A', version: 'V', params: new Map(), timestamp: 'x', timestampMs: 1_000_000 } as const;

  it('allows ±15 minutes by default', () => {
    expect(checkTimestamp(request, 1_000_000 + DEFAULT_MAX_SKEW_MS).ok).toBe(true);
    expect(checkTimestamp(request, 1_000_000 - DEFAULT_MAX_SKEW_MS - 1).ok).toBe(false);
  });

  it('passes a request without a timestamp (anonymous only)', () => {
    expect(checkTimestamp({ ...request, timestamp: undefined, timestampMs: undefined }, 0).ok).toBe(true);
  });
});
