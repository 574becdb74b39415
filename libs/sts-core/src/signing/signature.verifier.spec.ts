import { signV1, signV3 } from './request.signer';
import { constantTimeEquals, REDACTED_TOKEN, verifySignature } from './signature.verifier';
import { v1StringToSign } from './signature-v1.algorithm';
import { LONG_TERM, NOW, parsedSigned, v1Request, v3Request } from './signed-request.fixtures';
import type { ParsedSignedRequest } from './signing.types';

const PREFIX = 'Specified signature is not matched with our calculation. server string to sign is:';
const params = { Action: 'AssumeRole', Version: '2015-04-01', Format: 'JSON', RoleArn: 'acs:ram::1:role/r', RoleSessionName: 's', Policy: '{"Resource":"*"}' };
const v1 = (method = 'POST') => signV1({ method, params, credentials: LONG_TERM, nonce: 'n', timestamp: NOW });
const v3Headers = () => signV3({ method: 'POST', host: 'h', action: 'AssumeRole', version: '2015-04-01', credentials: LONG_TERM, date: NOW });
const withSignature = (request: ParsedSignedRequest, signature: string): ParsedSignedRequest =>
  ({ ...request, material: { ...request.material, signature } }) as ParsedSignedRequest;

describe(verifySignature.name, () => {
  const sut = verifySignature;

  it('accepts the right secret', () => {
    expect(sut(parsedSigned(v1Request(v1(), { method: 'POST' })), LONG_TERM.accessKeySecret)).toEqual({ ok: true });
    expect(sut(parsedSigned(v3Request(v3Headers())), LONG_TERM.accessKeySecret)).toEqual({ ok: true });
  });

  it('answers a V1 mismatch with the exact message @alicloud/credentials compares against its own StringToSign', () => {
    const signed = v1();
    const clientStringToSign = v1StringToSign('POST', '/', Object.entries(signed).filter(([n]) => n !== 'Signature'));

    const result = sut(parsedSigned(v1Request(signed, { method: 'POST', inBody: (n) => n === 'Policy' })), 'wrong-secret');

    expect(result).toMatchObject({ ok: false, reason: 'SignatureMismatch', stringToSign: clientStringToSign });
    expect(!result.ok && result.error).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 400, message: PREFIX + clientStringToSign });
  });

  it('shows a V1 SecurityToken as a placeholder in the message: error messages carry no credential', () => {
    const token = 'CAISvalid.token+/=value';
    const signed = signV1({ method: 'POST', params: { ...params, SecurityToken: token }, credentials: LONG_TERM, nonce: 'n', timestamp: NOW });
    const result = sut(parsedSigned(v1Request(signed, { method: 'POST' })), 'wrong-secret');
    const message = !result.ok ? result.error.message : '';
    expect(message).not.toContain(encodeURIComponent(encodeURIComponent(token)));
    expect(message).not.toContain('CAISvalid');
    const shown = v1StringToSign('POST', '/', Object.entries(signed).filter(([n]) => n !== 'Signature').map(([n, v]) => [n, n === 'SecurityToken' ? REDACTED_TOKEN : v] as const));
    expect(message).toBe(PREFIX + shown);
  });

  it('answers a V3 mismatch with the V3 StringToSign, which reveals no header values', () => {
    const result = sut(parsedSigned(v3Request(v3Headers())), 'wrong-secret');

    expect(result).toMatchObject({ ok: false, reason: 'SignatureMismatch', error: { code: 'SignatureDoesNotMatch' } });
    expect(!result.ok && result.reason === 'SignatureMismatch' && result.stringToSign).toMatch(/^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
  });

  it('signs the method as sent: a lowercase method does not verify an uppercase signature', () => {
    const request = parsedSigned(v1Request(v1('POST'), { method: 'post' }));

    expect(sut(request, LONG_TERM.accessKeySecret).ok).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['truncated', 'AAAA'],
    ['very long', 'A'.repeat(10_000)],
    ['a non-ASCII look-alike', 'Ł'.repeat(28)],
  ])('rejects a %s V1 signature without throwing', (_, signature) => {
    const request = parsedSigned(v1Request(v1(), { method: 'POST' }));

    expect(sut(withSignature(request, signature), LONG_TERM.accessKeySecret).ok).toBe(false);
  });

  it('rejects a non-canonical base64 spelling of the right V1 MAC', () => {
    const request = parsedSigned(v1Request(v1(), { method: 'POST' }));
    const mac = Buffer.from(request.material.signature, 'base64');
    const unpadded = mac.toString('base64').replace(/=+$/, '');

    expect(Buffer.from(unpadded, 'base64').equals(mac)).toBe(true);
    expect(sut(withSignature(request, unpadded), LONG_TERM.accessKeySecret).ok).toBe(false);
  });

  it('compares V3 signatures exactly (lowercase hex, as every SDK sends)', () => {
    const request = parsedSigned(v3Request(v3Headers()));

    expect(sut(withSignature(request, request.material.signature.toUpperCase()), LONG_TERM.accessKeySecret).ok).toBe(false);
  });
});

describe(constantTimeEquals.name, () => {
  const sut = constantTimeEquals;

  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'ab', false],
    ['abc', 'abcd', false],
    ['', '', true],
    ['A', 'Ł', false],
    ['A', '\u0141', false],
  ])('%j vs %j is %s', (a, b, expected) => {
    expect(sut(a, b)).toBe(expected);
  });
});
