import { parseSignedRequest } from './signed-request.parser';
import { expectFailure, expectParsed, LONG_TERM, NOW, TEMPORARY, v1Request, v1Signed, without } from './signed-request.fixtures';
import type { NormalisedRequest } from './signing.types';

describe(parseSignedRequest.name, () => {
  const sut = (req: NormalisedRequest) => parseSignedRequest(req);

  describe('V1', () => {
    it('extracts who, when and what from the signed parameters, not the unsigned x-acs-action header', () => {
      const request = expectParsed(sut(v1Request(v1Signed(), { method: 'POST', headers: { 'x-acs-action': 'assumeRole' } })));

      expect(request).toMatchObject({ scheme: 'v1', accessKeyId: LONG_TERM.accessKeyId, nonce: 'n-1', timestamp: '2026-11-28T07:23:42Z' });
      expect(request).toMatchObject({ timestampMs: NOW.getTime(), action: 'AssumeRole', version: '2015-04-01', securityToken: undefined });
      expect(request.params.get('RoleSessionName')).toBe('s');
      expect(request.params.has('Signature')).toBe(false);
    });

    it('accepts a timestamp with milliseconds (sts-sdk, ali-oss)', () => {
      const request = expectParsed(sut(v1Request(v1Signed({ Timestamp: '2026-11-28T07:21:06.509Z' }), { method: 'POST' })));

      expect(request.scheme === 'v1' && request.timestampMs).toBe(Date.UTC(2026, 10, 28, 7, 21, 6, 509));
    });

    it.each([
      ['parameter', {}],
      ['header', { 'x-acs-security-token': TEMPORARY.securityToken }],
    ])('takes the SecurityToken from the %s (sts-sdk sends both)', (_, headers) => {
      const signed = v1Signed({}, TEMPORARY);
      const params = Object.keys(headers).length > 0 ? without(signed, 'SecurityToken') : signed;

      const request = expectParsed(sut(v1Request(params, { method: 'POST', headers })));

      expect(request.scheme === 'v1' && request.securityToken).toBe(TEMPORARY.securityToken);
    });

    it.each(['SignatureMethod', 'SignatureVersion', 'AccessKeyId', 'SignatureNonce', 'Timestamp', 'Action', 'Version'])(
      'refuses a request without %s',
      (name) => {
        expectFailure(sut(v1Request(without(v1Signed(), name), { method: 'POST' })), 'MissingParameter', `Missing${name}`);
        expectFailure(sut(v1Request({ ...v1Signed(), [name]: '' }, { method: 'POST' })), 'MissingParameter', `Missing${name}`);
      },
    );

    it.each([
      ['SignatureMethod', 'HMAC-SHA256'],
      ['SignatureVersion', '2.0'],
    ])('refuses %s=%s as an unsupported signature method', (name, value) => {
      expectFailure(sut(v1Request(v1Signed({ [name]: value }), { method: 'POST' })), 'UnsupportedSignatureMethod', 'InvalidSignatureMethod');
    });

    it.each(['2026-11-28T07:23:42+00:00', '2026-11-28 07:23:42Z', '1764314622', '2026-11-28T07:23:42.50Z'])(
      'refuses Timestamp %s as badly formatted',
      (timestamp) => {
        expectFailure(sut(v1Request(v1Signed({ Timestamp: timestamp }), { method: 'POST' })), 'BadTimestampFormat', 'InvalidTimeStamp.Format');
      },
    );

    it('refuses an STS. key without a SecurityToken', () => {
      const signed = without(v1Signed({}, TEMPORARY), 'SecurityToken');

      expectFailure(sut(v1Request(signed, { method: 'POST' })), 'MissingSecurityToken', 'MissingSecurityToken');
    });

    it('refuses a SecurityToken parameter and header that differ', () => {
      const req = v1Request(v1Signed({}, TEMPORARY), { method: 'POST', headers: { 'x-acs-security-token': 'CAISother' } });

      expectFailure(sut(req), 'InvalidParameter', 'InvalidParameter');
    });

    it.each([
      ['twice in the query', { method: 'GET' }, (n: string) => n === '__never__', 'RoleSessionName'],
      ['in both query and body', { method: 'POST' }, (n: string) => n === 'RoleSessionName', 'RoleSessionName'],
      ['Signature twice', { method: 'POST' }, (n: string) => n === 'Signature', 'Signature'],
    ])('refuses a parameter given %s', (_, shape, inBody, duplicated) => {
      const signed = v1Signed();
      const req = v1Request(signed, { ...shape, inBody });
      const polluted = { ...req, query: [...req.query.filter(([n]) => n !== duplicated), [duplicated, 'other'] as const, ...req.query.filter(([n]) => n === duplicated)] };

      expectFailure(sut(polluted), 'InvalidParameter', 'InvalidParameter');
    });

    it('refuses a path that is not valid percent-encoding', () => {
      expectFailure(sut(v1Request(v1Signed(), { method: 'POST', path: '/%E9' })), 'InvalidParameter', 'InvalidParameter');
    });
  });

  describe('anonymous', () => {
    const oidc = (query: Record<string, string>, headers: Record<string, string> = {}): NormalisedRequest => ({
      method: 'POST',
      path: '/',
      query: Object.entries(query),
      form: [['OIDCProviderArn', 'acs:ram::1:oidc-provider/p'], ['OIDCToken', 'eyJ...'], ['RoleArn', 'acs:ram::1:role/r'], ['RoleSessionName', 's']],
      headers: { host: 'sts.aliyuncs.com', ...headers },
    });
    const OIDC_QUERY = { Version: '2015-04-01', Action: 'AssumeRoleWithOIDC', Format: 'JSON', Timestamp: '2026-11-28T07:23:42Z' };

    it('accepts the credentials OIDC provider shape without key, nonce or signature', () => {
      const request = expectParsed(sut(oidc(OIDC_QUERY)));

      expect(request).toMatchObject({ scheme: 'anonymous', action: 'AssumeRoleWithOIDC', version: '2015-04-01', timestampMs: NOW.getTime() });
      expect(request.params.get('OIDCToken')).toBe('eyJ...');
    });

    it('accepts the Tea V3 anonymous shape (action and version in headers, no timestamp)', () => {
      const req = oidc({ Format: 'json' }, { 'x-acs-action': 'AssumeRoleWithSAML', 'x-acs-version': '2015-04-01' });

      expect(expectParsed(sut(req))).toMatchObject({ scheme: 'anonymous', action: 'AssumeRoleWithSAML', timestamp: undefined });
    });

    it('ignores a signature on an anonymous action (pop-core signs every call), and the signing parameters with it', () => {
      const signed = { ...OIDC_QUERY, AccessKeyId: 'LTAImadeup', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: 'n', Signature: 'bm90IGEgc2lnbmF0dXJl' };
      const v1 = expectParsed(sut(oidc(signed)));
      expect(v1).toMatchObject({ scheme: 'anonymous', action: 'AssumeRoleWithOIDC' });
      expect(['AccessKeyId', 'SignatureNonce', 'Signature', 'SignatureMethod'].filter((n) => v1.params.has(n))).toEqual([]);
      const v3 = oidc({}, { 'x-acs-action': 'AssumeRoleWithSAML', 'x-acs-version': '2015-04-01', authorization: 'ACS3-HMAC-SHA256 Credential=LTAImadeup,SignedHeaders=host,Signature=00' });
      expect(expectParsed(sut(v3))).toMatchObject({ scheme: 'anonymous', action: 'AssumeRoleWithSAML' });
      // a signed action keeps its signature checks
      expect(sut(oidc({ ...signed, Action: 'AssumeRole' }))).toMatchObject({ ok: true, request: { scheme: 'v1' } });
    });

    it('refuses a badly formatted timestamp even when unsigned', () => {
      expectFailure(sut(oidc({ ...OIDC_QUERY, Timestamp: 'yesterday' })), 'BadTimestampFormat', 'InvalidTimeStamp.Format');
    });

    it.each([
      ['no Action', without(OIDC_QUERY, 'Action'), 'MissingAction'],
      ['no Version', without(OIDC_QUERY, 'Version'), 'MissingVersion'],
      ['an action that must be signed', { ...OIDC_QUERY, Action: 'GetCallerIdentity' }, 'MissingAccessKeyId'],
      ['a key but no Signature', { ...OIDC_QUERY, Action: 'AssumeRole', AccessKeyId: 'LTAI' }, 'MissingSignature'],
    ])('refuses %s', (_, query, code) => {
      expectFailure(sut(oidc(query)), 'MissingParameter', code);
    });

    it('refuses bearer-token authentication as an incomplete signature', () => {
      const query = { ...OIDC_QUERY, Action: 'AssumeRole', BearerToken: 't', SignatureType: 'BEARERTOKEN' };

      expectFailure(sut(oidc(query)), 'IncompleteSignature', 'IncompleteSignature');
    });

    it('lets the caller choose the anonymous actions', () => {
      const result = parseSignedRequest(oidc(OIDC_QUERY), { anonymousActions: new Set(['AssumeRoleWithSAML']) });

      expectFailure(result, 'MissingParameter', 'MissingAccessKeyId');
    });
  });
});
