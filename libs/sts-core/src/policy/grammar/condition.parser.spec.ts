import { parsePolicy } from './policy.parser';
import { parseCondition } from './condition.parser';

const withCondition = (condition: unknown) =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }] });

describe(`${parseCondition.name} (through parsePolicy)`, () => {
  const sut = (condition: unknown) => parsePolicy(withCondition(condition), 'identity');
  const detail = (condition: unknown) => {
    const result = sut(condition);
    if (result.ok) throw new Error('expected a grammar error');
    return result.error.detail;
  };

  it('keeps operators, qualifiers, keys as written and values as strings', () => {
    const result = sut({
      StringEquals: { 'sts:ExternalId': 'abc', 'acs:SourceVpc': ['vpc-1', 'vpc-2'] },
      'ForAnyValue:StringLike': { 'acs:TagKeys': 'env*' },
      NumericLessThan: { 'ecs:Count': 10 },
      Bool: { 'acs:SecureTransport': true },
    });
    expect(result.ok && result.document.statements[0].condition).toEqual([
      { operator: 'StringEquals', entries: [{ key: 'sts:ExternalId', values: ['abc'] }, { key: 'acs:SourceVpc', values: ['vpc-1', 'vpc-2'] }] },
      { qualifier: 'ForAnyValue', operator: 'StringLike', entries: [{ key: 'acs:TagKeys', values: ['env*'] }] },
      { operator: 'NumericLessThan', entries: [{ key: 'ecs:Count', values: ['10'] }] },
      { operator: 'Bool', entries: [{ key: 'acs:SecureTransport', values: ['true'] }] },
    ]);
  });

  it('keeps a JSON number as its source text', () => {
    const result = parsePolicy(withCondition({}).replace('{}', '{"NumericEquals":{"x:n":1.50}}'), 'identity');
    expect(result.ok && result.document.statements[0].condition?.[0].entries[0].values).toEqual(['1.50']);
  });

  it.each([
    ['misspelt operator', { StringEqual: { 'a:b': 'x' } }, 'Statement[0].Condition.StringEqual: unknown operator "StringEqual" (did you mean "StringEquals"?)'],
    ['wrong-case operator', { stringequals: { 'a:b': 'x' } }, 'Statement[0].Condition.stringequals: unknown operator "stringequals" (did you mean "StringEquals"?)'],
    ['IfExists', { StringEqualsIfExists: { 'a:b': 'x' } }, 'Statement[0].Condition.StringEqualsIfExists: the IfExists suffix is not supported'],
    ['Null', { Null: { 'a:b': 'true' } }, 'Statement[0].Condition.Null: the Null operator is not supported'],
    ['unknown qualifier', { 'ForSomeValues:StringEquals': { 'acs:TagKeys': 'x' } }, 'Statement[0].Condition.ForSomeValues:StringEquals: unknown set qualifier "ForSomeValues"'],
    ['qualifier on single-valued key', { 'ForAllValues:StringEquals': { 'sts:ExternalId': 'x' } }, 'Statement[0].Condition.ForAllValues:StringEquals.sts:ExternalId: ForAllValues applies only to multi-valued keys (acs:TagKeys, oidc:aud)'],
    ['Condition not an object', ['x'], 'Statement[0].Condition: must be an object, not a list'],
    ['operator block not an object', { StringEquals: 'x' }, 'Statement[0].Condition.StringEquals: must be an object, not a string'],
    ['empty operator block', { StringEquals: {} }, 'Statement[0].Condition.StringEquals: must name at least one condition key'],
    ['key without prefix', { StringEquals: { ExternalId: 'x' } }, 'Statement[0].Condition.StringEquals.ExternalId: condition keys have the form <prefix>:<name>'],
    ['empty value list', { StringEquals: { 'a:b': [] } }, 'Statement[0].Condition.StringEquals.a:b: must not be an empty list'],
    ['object value', { StringEquals: { 'a:b': [{}] } }, 'Statement[0].Condition.StringEquals.a:b[0]: must be a string, number or boolean, not an object'],
    ['null value', { StringEquals: { 'a:b': null } }, 'Statement[0].Condition.StringEquals.a:b: must be a string, number or boolean, not null'],
    ['bad number', { NumericEquals: { 'a:b': ['1', '0x10'] } }, 'Statement[0].Condition.NumericEquals.a:b[1]: "0x10" is not a number'],
    ['bad date', { DateLessThan: { 'acs:CurrentTime': '2024-02-30T00:00:00Z' } }, 'Statement[0].Condition.DateLessThan.acs:CurrentTime: "2024-02-30T00:00:00Z" is not an ISO-8601 date-time'],
    ['bad bool', { Bool: { 'acs:MFAPresent': 'yes' } }, 'Statement[0].Condition.Bool.acs:MFAPresent: "yes" is not "true" or "false"'],
    ['bad CIDR', { IpAddress: { 'acs:SourceIp': '10.0.0.0/33' } }, 'Statement[0].Condition.IpAddress.acs:SourceIp: "10.0.0.0/33" is not an IPv4/IPv6 address or CIDR block'],
    ['IP with zone', { NotIpAddress: { 'acs:SourceIp': ['fe80::1%eth0'] } }, 'Statement[0].Condition.NotIpAddress.acs:SourceIp[0]: "fe80::1%eth0" is not an IPv4/IPv6 address or CIDR block'],
  ])('%s', (...[, condition, expected]) => {
    expect(detail(condition)).toBe(expected);
  });

  it('refuses a repeated operator instead of keeping only the last one', () => {
    const text = withCondition({}).replace('{}', '{"StringEquals":{"a:b":"x"},"StringEquals":{"a:c":"y"}}');
    const result = parsePolicy(text, 'identity');
    expect(!result.ok && result.error.detail).toBe('Statement[0].Condition: duplicate element "StringEquals"');
  });

  it.each(['acs:TagKeys', 'ACS:tagkeys', 'oidc:aud'])('accepts set qualifiers on the multi-valued key %s', (key) => {
    expect(sut({ 'ForAllValues:StringEquals': { [key]: 'x' } }).ok).toBe(true);
  });
});
