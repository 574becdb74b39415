import type { opensts } from '@opensts/grpc-api';
import { sha256Hex } from '@opensts/sts-core/signing';
import { normaliseSignedRequest } from './signed-request.mapper';

const FORM = { name: 'Content-Type', value: 'application/x-www-form-urlencoded; charset=UTF-8' };
const wire = (r: Partial<opensts.SignedRequest>): opensts.SignedRequest => ({
  method: 'POST',
  path: '/',
  query: [],
  form: [],
  headers: [],
  bodySha256: '',
  sourceIp: '',
  secureTransport: false,
  body: Buffer.alloc(0),
  ...r,
});
const refusal = (message: string | RegExp) => ({ ok: false, error: expect.objectContaining({ code: 'InvalidParameter', httpStatus: 400, message: expect.stringMatching(message) }) });

describe(normaliseSignedRequest.name, () => {
  it('keeps pairs in wire order, lower-cases header names, lists repeated headers, drops an empty body hash', () => {
    const sut = normaliseSignedRequest(
      wire({
        path: '',
        query: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }],
        headers: [{ name: 'Host', value: 'h' }, { name: 'X-Acs-Signature-Nonce', value: 'n' }, { name: 'x-acs-signature-nonce', value: 'm' }],
        sourceIp: '10.0.0.1',
        secureTransport: true,
      }),
    );
    expect(sut).toEqual({ ok: true, request: { method: 'POST', path: '/', query: [['B', '2'], ['A', '1']], form: undefined, headers: { host: 'h', 'x-acs-signature-nonce': ['n', 'm'] }, bodySha256: undefined } });
  });

  it('refuses a NUL in a query, header or form pair, or in the decoded body, as the gateway does', () => {
    const nul = /NUL character/;
    expect(normaliseSignedRequest(wire({ query: [{ name: 'SignatureNonce', value: 'a\0' }] }))).toEqual(refusal(nul));
    expect(normaliseSignedRequest(wire({ headers: [{ name: 'x-acs-signature-nonce', value: '\0' }] }))).toEqual(refusal(nul));
    expect(normaliseSignedRequest(wire({ form: [{ name: 'Reason', value: 'x\0' }] }))).toEqual(refusal(nul));
    expect(normaliseSignedRequest(wire({ headers: [FORM], body: Buffer.from('Reason=x%00y') }))).toEqual(refusal(nul));
  });

  it('decodes the form parameters from the body bytes, which go along for the V3 hash', () => {
    const body = Buffer.from('RoleArn=acs%3Aram%3A%3A1%3Arole%2Fr&RoleSessionName=a+b&Empty=');
    const sut = normaliseSignedRequest(wire({ headers: [FORM], body }));
    expect(sut).toMatchObject({ ok: true, request: { form: [['RoleArn', 'acs:ram::1:role/r'], ['RoleSessionName', 'a b'], ['Empty', '']], body, bodySha256: undefined } });
    const withPairsAndHash = normaliseSignedRequest(wire({ headers: [FORM], body, bodySha256: sha256Hex(body), form: [{ name: 'RoleArn', value: 'acs:ram::1:role/r' }, { name: 'RoleSessionName', value: 'a b' }, { name: 'Empty', value: '' }] }));
    expect(withPairsAndHash).toMatchObject({ ok: true, request: { form: [['RoleArn', 'acs:ram::1:role/r'], ['RoleSessionName', 'a b'], ['Empty', '']], body } });
  });

  it('refuses form parameters that are not exactly those of the body, and a hash that is not the body’s', () => {
    const body = Buffer.from('RoleSessionName=alice');
    expect(normaliseSignedRequest(wire({ headers: [FORM], body, form: [{ name: 'RoleSessionName', value: 'mallory' }] }))).toEqual(refusal(/not the ones in the request body/));
    expect(normaliseSignedRequest(wire({ headers: [FORM], body, form: [{ name: 'RoleSessionName', value: 'alice' }, { name: 'Policy', value: '{}' }] }))).toEqual(refusal(/not the ones/));
    expect(normaliseSignedRequest(wire({ headers: [FORM], body, bodySha256: sha256Hex('other') }))).toEqual(refusal(/not the SHA-256 of body/));
    expect(normaliseSignedRequest(wire({ headers: [FORM], body: Buffer.from('A=%ZZ') }))).toEqual(refusal(/percent-encoded UTF-8/));
    expect(normaliseSignedRequest(wire({ headers: [FORM], body: Buffer.from([0x41, 0x3d, 0xff]) }))).toEqual(refusal(/percent-encoded UTF-8/));
    expect(normaliseSignedRequest(wire({ headers: [FORM, FORM], body }))).toEqual(refusal(/more than once/));
    expect(normaliseSignedRequest(wire({ headers: [{ name: 'content-type', value: 'application/x-www-form-urlencoded; charset=latin1' }], body }))).toEqual(refusal(/UTF-8/));
  });

  it('accepts a body hash without the body only when there are no form parameters', () => {
    expect(normaliseSignedRequest(wire({ bodySha256: 'ab' }))).toMatchObject({ ok: true, request: { form: undefined, bodySha256: 'ab' } });
    expect(normaliseSignedRequest(wire({ form: [{ name: 'RoleArn', value: 'r' }], bodySha256: 'ab' }))).toEqual(refusal(/need the body/));
    // V1 signs each parameter, so decoded pairs alone (no hash claimed) still verify as before
    expect(normaliseSignedRequest(wire({ form: [{ name: 'RoleArn', value: 'r' }] }))).toMatchObject({ ok: true, request: { form: [['RoleArn', 'r']], bodySha256: undefined } });
  });

  it('passes a body that is not a form by its bytes only, and refuses form parameters beside it', () => {
    const body = Buffer.from('{"a":1}');
    const json = { name: 'content-type', value: 'application/json' };
    expect(normaliseSignedRequest(wire({ headers: [json], body }))).toMatchObject({ ok: true, request: { form: undefined, body } });
    expect(normaliseSignedRequest(wire({ headers: [json], body, form: [{ name: 'a', value: '1' }] }))).toEqual(refusal(/application\/x-www-form-urlencoded/));
  });
});
