import { compileCondition } from './condition.compiler';
import { conditionHolds } from '../testing/policy.fixtures';

describe(`${compileCondition.name}: String operators`, () => {
  const sut = conditionHolds;
  const key = 'x:Team';

  it.each([
    ['StringEquals', ['dev', 'ops'], 'ops', true],
    ['StringEquals', ['dev', 'ops'], 'Ops', false],
    ['StringEquals', ['dev'], 'dev ', false],
    ['StringNotEquals', ['dev', 'ops'], 'qa', true],
    ['StringNotEquals', ['dev', 'ops'], 'ops', false],
    ['StringNotEquals', ['dev'], 'DEV', true],
    ['StringEqualsIgnoreCase', ['Dev', 'ops'], 'DEV', true],
    ['StringEqualsIgnoreCase', ['Dev'], 'devs', false],
    ['StringNotEqualsIgnoreCase', ['Dev', 'ops'], 'OPS', false],
    ['StringNotEqualsIgnoreCase', ['Dev'], 'qa', true],
    // toLowerCase alone lowers a final capital sigma to ς, which ασ does not contain
    ['StringEqualsIgnoreCase', ['ΑΣ'], 'ασ', true],
    ['StringNotEqualsIgnoreCase', ['ΑΣ'], 'ασ', false],
    ['StringLike', ['repo:my-org/*'], 'repo:my-org/app:ref:main', true],
    ['StringLike', ['repo:my-org/*'], 'repo:MY-ORG/app', false],
    ['StringLike', ['user-??'], 'user-42', true],
    ['StringLike', ['a', 'b*'], 'bee', true],
    ['StringNotLike', ['prod-*', 'stage-*'], 'dev-1', true],
    ['StringNotLike', ['prod-*', 'stage-*'], 'stage-1', false],
  ])('%s %j against %j: %s', (operator, values, requestValue, expected) => {
    expect(sut({ [operator]: { [key]: values } }, { [key]: requestValue })).toBe(expected);
  });

  describe('when the key is missing from the request', () => {
    it.each(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike'])('%s is not satisfied', (operator) => {
      expect(sut({ [operator]: { [key]: 'x' } })).toBe(false);
    });

    it.each(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike'])('%s is satisfied', (operator) => {
      expect(sut({ [operator]: { [key]: 'x' } })).toBe(true);
    });
  });

  it('treats an explicitly undefined context value as a missing key', () => {
    expect(sut({ StringEquals: { [key]: 'x' } }, { [key]: undefined })).toBe(false);
  });

  it('compares the empty string like any other value', () => {
    expect(sut({ StringEquals: { [key]: '' } }, { [key]: '' })).toBe(true);
    expect(sut({ StringLike: { [key]: '*' } }, { [key]: '' })).toBe(true);
  });
});
