import { compileCondition } from './condition.compiler';
import { conditionHolds } from '../testing/policy.fixtures';

describe(`${compileCondition.name}: Numeric and Date operators`, () => {
  const sut = conditionHolds;

  it.each([
    ['NumericEquals', '10', '10.0', true],
    ['NumericEquals', '10', '11', false],
    ['NumericNotEquals', '10', '11', true],
    ['NumericNotEquals', '10', '1e1', false],
    ['NumericLessThan', '10', '9.99', true],
    ['NumericLessThan', '10', '10', false],
    ['NumericLessThanEquals', '10', '10', true],
    ['NumericLessThanEquals', '10', '10.5', false],
    ['NumericGreaterThan', '-5', '-4', true],
    ['NumericGreaterThan', '-5', '-5', false],
    ['NumericGreaterThanEquals', '3600', '3600', true],
    ['NumericGreaterThanEquals', '3600', '900', false],
    ['NumericEquals', '16', '0x10', false],
    ['NumericEquals', '0', '', false],
    ['NumericEquals', '12', ' 12 ', false],
    // integers beyond 2^53 compare exactly, not as doubles
    ['NumericEquals', '9007199254740993', '9007199254740992', false],
    ['NumericNotEquals', '9007199254740993', '9007199254740992', true],
    ['NumericLessThan', '10000000000000001', '10000000000000000', true],
    ['NumericEquals', '+007', '7', true],
    ['NumericNotEquals', '16', 'abc', true],
  ])('%s %s with request %j: %s', (operator, policyValue, requestValue, expected) => {
    expect(sut({ [operator]: { 'x:n': policyValue } }, { 'x:n': requestValue })).toBe(expected);
  });

  it('accepts JSON numbers as policy values', () => {
    const text = { NumericLessThanEquals: { 'x:n': 5 } };
    expect(sut(text, { 'x:n': '5' })).toBe(true);
  });

  const now = '2024-06-01T12:00:00Z';
  it.each([
    ['DateEquals', '2024-06-01T12:00:00Z', true],
    ['DateEquals', '2024-06-01T20:00:00+08:00', true],
    ['DateEquals', '2024-06-01T12:00:00.000Z', true],
    ['DateEquals', '2024-06-01T12:00:01Z', false],
    ['DateNotEquals', '2024-06-01T12:00:01Z', true],
    ['DateNotEquals', '2024-06-01T04:00:00-08:00', false],
    ['DateLessThan', '2024-06-01T12:00:01Z', true],
    ['DateLessThan', '2024-06-01T12:00:00Z', false],
    ['DateLessThanEquals', '2024-06-01T12:00:00Z', true],
    ['DateLessThanEquals', '2024-06-01', false],
    ['DateGreaterThan', '2024-06-01', true],
    ['DateGreaterThan', '2024-06-02', false],
    ['DateGreaterThanEquals', '2024-06-01T12:00:00Z', true],
    ['DateGreaterThanEquals', '2024-06-01T12:00:00.001Z', false],
  ])('%s %s with acs:CurrentTime = now: %s', (operator, policyValue, expected) => {
    expect(sut({ [operator]: { 'acs:CurrentTime': policyValue } }, { 'acs:CurrentTime': now })).toBe(expected);
  });

  it('never satisfies a positive date test with an unparseable request date', () => {
    expect(sut({ DateLessThan: { 'acs:CurrentTime': '2100-01-01T00:00:00Z' } }, { 'acs:CurrentTime': 'yesterday' })).toBe(false);
  });

  it.each(['NumericEquals', 'DateLessThan'])('%s with a missing key is not satisfied', (operator) => {
    expect(sut({ [operator]: { 'x:v': operator.startsWith('Date') ? '2024-01-01' : '1' } })).toBe(false);
  });

  it.each(['NumericNotEquals', 'DateNotEquals'])('%s with a missing key is satisfied', (operator) => {
    expect(sut({ [operator]: { 'x:v': operator.startsWith('Date') ? '2024-01-01' : '1' } })).toBe(true);
  });
});
