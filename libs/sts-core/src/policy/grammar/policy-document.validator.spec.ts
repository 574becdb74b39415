import { StsError } from '../../errors';
import {
  exceeds,
  parseManagedPolicyDocument,
  parseSessionPolicy,
  parseTrustPolicyDocument,
  POLICY_SIZE_LIMITS,
} from './policy-document.validator';

/** A valid identity document padded (inside a Sid) to exactly `length` characters. */
function paddedPolicy(length: number, pad = 'x'): string {
  const skeleton = (sid: string) => `{"Version":"1","Statement":[{"Sid":"${sid}","Effect":"Allow","Action":"*","Resource":"*"}]}`;
  return skeleton(pad.repeat(length - skeleton('').length));
}
const trustText = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1:root"}}]}';

function errorOf(fn: () => unknown): StsError {
  try {
    fn();
  } catch (e) {
    if (StsError.is(e)) return e;
    throw e;
  }
  throw new Error('expected an StsError');
}

describe('policy document validators', () => {
  describe(parseSessionPolicy.name, () => {
    const sut = parseSessionPolicy;

    it('accepts a policy of exactly 2048 characters, counting code points', () => {
      expect(sut(paddedPolicy(2048)).kind).toBe('session');
      expect(sut(paddedPolicy(2048, '😀')).statements).toHaveLength(1);
    });

    it('refuses 2049 characters with InvalidParameter.PolicySize', () => {
      expect(errorOf(() => sut(paddedPolicy(2049)))).toMatchObject({
        code: 'InvalidParameter.PolicySize',
        httpStatus: 400,
        message: 'The size of Policy must be smaller than 2048 characters.',
      });
    });

    it('refuses bad grammar with InvalidParameter.PolicyGrammar carrying the detail', () => {
      expect(errorOf(() => sut('{"Version":"1","Statement":[{"Effect":"Allow","Action":"*"}]}'))).toMatchObject({
        code: 'InvalidParameter.PolicyGrammar',
        message: 'The parameter Policy has not passed grammar check. Statement[0].Resource: is required',
      });
    });
  });

  describe(parseManagedPolicyDocument.name, () => {
    const sut = parseManagedPolicyDocument;

    it('accepts 6144 characters and refuses 6145 with InvalidParameter.PolicyDocument.Length', () => {
      expect(sut(paddedPolicy(POLICY_SIZE_LIMITS.managed)).kind).toBe('identity');
      expect(errorOf(() => sut(paddedPolicy(6145)))).toMatchObject({ code: 'InvalidParameter.PolicyDocument.Length', httpStatus: 400 });
    });

    it('refuses bad grammar with MalformedPolicyDocument whose message is the detail', () => {
      expect(errorOf(() => sut('{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":{}}]}'))).toMatchObject({
        code: 'MalformedPolicyDocument',
        message: 'Statement[0].Principal: is not allowed in an identity policy',
      });
    });
  });

  describe(parseTrustPolicyDocument.name, () => {
    const sut = parseTrustPolicyDocument;

    it('accepts a trust policy and refuses an identity policy as one', () => {
      expect(sut(trustText).kind).toBe('trust');
      expect(errorOf(() => sut(paddedPolicy(200)))).toMatchObject({
        code: 'MalformedPolicyDocument',
        message: 'Statement[0].Resource: is not allowed in a trust policy',
      });
    });

    it('refuses more than 2048 characters with MalformedPolicyDocument naming the parameter', () => {
      const long = trustText.replace('"Effect"', `"Sid":"${'x'.repeat(2048)}","Effect"`);
      expect(errorOf(() => sut(long, 'NewAssumeRolePolicyDocument'))).toMatchObject({
        code: 'MalformedPolicyDocument',
        message: 'NewAssumeRolePolicyDocument: longer than 2048 characters',
      });
    });
  });

  describe(exceeds.name, () => {
    it('counts a surrogate pair as one character', () => {
      expect(exceeds('😀😀', 2)).toBe(false);
      expect(exceeds('😀😀x', 2)).toBe(true);
    });
  });
});
