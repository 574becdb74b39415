import fc from 'fast-check';
import { computeV3Signature, EMPTY_BODY_SHA256, V3_ALGORITHM } from './signature-v3.algorithm';
import { v1Signature, v1StringToSign } from './signature-v1.algorithm';

/**
 * Differential tests against the signing code the official SDKs run (`@alicloud/openapi-util`,
 * reached through the `@alicloud/openapi-client` devDependency that depends on it).
 */
interface OpenApiUtil {
  getRPCSignature(params: Record<string, string>, method: string, secret: string): string;
  getAuthorization(
    request: { method: string; pathname: string; query: Record<string, string>; headers: Record<string, string> },
    algorithm: string,
    payload: string,
    accessKeyId: string,
    secret: string,
  ): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk: OpenApiUtil = require(require.resolve('@alicloud/openapi-util', { paths: [require.resolve('@alicloud/openapi-client')] })).default;

// The SDKs sort raw names in UTF-16 order and V3 leaves names unencoded, so names stay ASCII here;
// values range over all of Unicode.
const nameOf = (alphabet: string) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 8 });
const dictionary = <T>(key: fc.Arbitrary<string>, value: fc.Arbitrary<T>, maxKeys: number) =>
  fc.dictionary(key, value, { maxKeys, noNullPrototype: true });
const value = fc.string({ unit: 'binary', maxLength: 16 });

describe(v1Signature.name, () => {
  it('agrees with the SDK on any parameters, reserved characters in names included', () => {
    fc.assert(
      fc.property(dictionary(nameOf("ABCabc019-_.~*!()' %+/&="), value, 8), fc.constantFrom('GET', 'POST'), (params, method) => {
        const sut = v1Signature(v1StringToSign(method, '/', Object.entries(params)), 'secret');

        expect(sut).toBe(sdk.getRPCSignature(params, method, 'secret'));
      }),
    );
  });
});

describe(computeV3Signature.name, () => {
  it('agrees with the SDK on any query and x-acs-* headers', () => {
    const headerValue = fc.string({ unit: 'binary-ascii', maxLength: 12 });
    fc.assert(
      fc.property(dictionary(nameOf('ABCabc019'), value, 6), dictionary(nameOf('abc019-').map((n) => `x-acs-${n}`), headerValue, 4), (query, extra) => {
        const headers = { host: '127.0.0.1:8080', 'x-acs-date': '2026-11-28T07:23:42Z', ...extra };
        const input = { method: 'POST', canonicalUri: '/', query: Object.entries(query), headers: Object.entries(headers), hashedPayload: EMPTY_BODY_SHA256 };

        const sut = computeV3Signature(input, 'secret');

        const expected = sdk.getAuthorization({ method: 'POST', pathname: '/', query, headers }, V3_ALGORITHM, EMPTY_BODY_SHA256, 'AK', 'secret');
        expect(`${V3_ALGORITHM} Credential=AK,SignedHeaders=${sut.signedHeadersList},Signature=${sut.signature}`).toBe(expected);
      }),
    );
  });
});
