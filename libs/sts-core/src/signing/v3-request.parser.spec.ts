import { parseSignedRequest } from './signed-request.parser';
import { sha256Hex } from './signature-v3.algorithm';
import { expectFailure, expectParsed, NOW, TEMPORARY, unsent, v3Request, v3Signed, without } from './signed-request.fixtures';
import type { NormalisedRequest } from './signing.types';

describe(parseSignedRequest.name, () => {
  const sut = (req: NormalisedRequest) => parseSignedRequest(req);

  describe('V3', () => {
    it('extracts who, when and what from the signed headers', () => {
      const request = expectParsed(sut(v3Request(v3Signed({ credentials: TEMPORARY }), { query: [['RoleSessionName', 's']] })));

      expect(request).toMatchObject({ scheme: 'v3', accessKeyId: TEMPORARY.accessKeyId, securityToken: TEMPORARY.securityToken, nonce: 'n-3' });
      expect(request).toMatchObject({ action: 'AssumeRole', version: '2015-04-01', timestampMs: NOW.getTime() });
      expect(request.params.get('RoleSessionName')).toBe('s');
    });

    it.each(['ACS3-HMAC-SM3', 'ACS3-RSA-SHA256', 'ACS3-HMAC-SHA1'])('refuses algorithm %s as unsupported', (algorithm) => {
      const headers = v3Signed();
      headers['authorization'] = headers['authorization'].replace('ACS3-HMAC-SHA256', algorithm);

      expectFailure(sut(v3Request(headers)), 'UnsupportedSignatureMethod', 'InvalidSignatureMethod');
    });

    it('refuses a non-ACS3 Authorization without a V1 Signature as unsupported', () => {
      expectFailure(sut(v3Request({ ...v3Signed(), authorization: 'ACS4-HMAC-SHA256 Credential=x' })), 'UnsupportedSignatureMethod', 'InvalidSignatureMethod');
    });

    it.each([
      ['an x-acs-* header outside SignedHeaders', (h: Record<string, string>) => ({ ...h, 'x-acs-security-token': 'CAISinjected' })],
      ['host not signed', (h: Record<string, string>) => unsent({ ...h }, 'host')],
      ['a signed header that is absent', (h: Record<string, string>) => without(h, 'x-acs-version')],
      ['a malformed Authorization', (h: Record<string, string>) => ({ ...h, authorization: 'ACS3-HMAC-SHA256 Credential=AK' })],
      ['an uppercase x-acs-* name slipped past normalisation', (h: Record<string, string>) => ({ ...h, 'X-Acs-Action': 'DeleteRole' })],
    ])('refuses %s as an incomplete signature', (_, edit) => {
      expectFailure(sut(v3Request(edit(v3Signed()))), 'IncompleteSignature', 'IncompleteSignature');
    });

    it('refuses a content-type outside SignedHeaders over a body, and ignores one over an empty body (ADR 0009)', () => {
      const withBody = v3Signed({ body: 'RoleSessionName=alice' });
      expectFailure(sut(v3Request({ ...withBody, 'content-type': 'application/x-www-form-urlencoded' }, { body: 'RoleSessionName=alice' })), 'IncompleteSignature', 'IncompleteSignature');
      expect(sut(v3Request({ ...v3Signed(), 'content-type': 'application/octet-stream' })).ok).toBe(true);
    });

    it('refuses a repeated Authorization header', () => {
      const headers = v3Signed();
      const req = v3Request(headers);

      expectFailure(sut({ ...req, headers: { ...req.headers, authorization: [headers['authorization'], headers['authorization']] } }), 'IncompleteSignature', 'IncompleteSignature');
    });

    it.each(['x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-action', 'x-acs-version'])('refuses a request without %s', (name) => {
      expectFailure(sut(v3Request(unsent(v3Signed(), name))), 'MissingParameter', `MissingParameter.${name}`);
    });

    it('refuses a body whose hash is not x-acs-content-sha256', () => {
      const headers = v3Signed({ body: 'RoleSessionName=alice' });

      expectFailure(sut(v3Request(headers, { body: 'RoleSessionName=mallory' })), 'ContentHashMismatch', 'InvalidParameter');
      expectFailure(sut({ ...v3Request(headers), bodySha256: sha256Hex('x') }), 'ContentHashMismatch', 'InvalidParameter');
      expect(sut({ ...v3Request(headers), bodySha256: sha256Hex('RoleSessionName=alice') }).ok).toBe(true);
    });

    it('acts on form parameters only when they come with the body bytes whose hash was signed', () => {
      // V3 signs the body only through its hash: form pairs handed over without those bytes are unsigned
      const emptyBody = v3Signed({ query: [['RoleSessionName', 's']] });
      const added = [['DurationSeconds', '43200'], ['SourceIdentity', 'someone-else']] as const;
      expectFailure(sut(v3Request(emptyBody, { query: [['RoleSessionName', 's']], form: [...added] })), 'ContentHashMismatch', 'InvalidParameter');
      expectFailure(sut({ ...v3Request(emptyBody, { query: [['RoleSessionName', 's']], form: [...added] }), bodySha256: sha256Hex('') }), 'ContentHashMismatch', 'InvalidParameter');

      const body = 'RoleSessionName=alice';
      const headers = v3Signed({ body });
      expectFailure(sut({ ...v3Request(headers, { form: [['RoleSessionName', 'mallory']] }), bodySha256: sha256Hex(body) }), 'ContentHashMismatch', 'InvalidParameter');
      expectFailure(sut({ ...v3Request(headers, { body, form: [['RoleSessionName', 'alice']] }), bodySha256: sha256Hex('x') }), 'ContentHashMismatch', 'InvalidParameter');
      expect(expectParsed(sut(v3Request(headers, { body, form: [['RoleSessionName', 'alice']] }))).params.get('RoleSessionName')).toBe('alice');
    });

    it('refuses an x-acs-date that is badly formatted', () => {
      expectFailure(sut(v3Request(v3Signed({ date: '2026-11-28T07:23:42.123456Z' }))), 'BadTimestampFormat', 'InvalidTimeStamp.Format');
    });

    it('refuses an STS. Credential without a SecurityToken', () => {
      const headers = v3Signed({ credentials: { accessKeyId: TEMPORARY.accessKeyId, accessKeySecret: TEMPORARY.accessKeySecret } });

      expectFailure(sut(v3Request(headers)), 'MissingSecurityToken', 'MissingSecurityToken');
    });

    it('refuses an x-acs-accesskey-id that is not the Credential', () => {
      const headers = v3Signed({ credentials: TEMPORARY, headers: { 'x-acs-accesskey-id': 'STS.someoneElse' } });

      expectFailure(sut(v3Request(headers)), 'InvalidParameter', 'InvalidParameter');
    });

    it('refuses a SecurityToken query parameter that differs from x-acs-security-token', () => {
      const query = [['SecurityToken', 'CAISother']] as const;

      expectFailure(sut(v3Request(v3Signed({ credentials: TEMPORARY, query }), { query })), 'InvalidParameter', 'InvalidParameter');
    });

    it('prefers V3 when a request carries both an ACS3 Authorization and a Signature parameter', () => {
      const query = [['Signature', 'abc']] as const;

      expect(expectParsed(sut(v3Request(v3Signed({ query }), { query }))).scheme).toBe('v3');
    });
  });

});
