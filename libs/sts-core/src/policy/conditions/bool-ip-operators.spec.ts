import { compileCondition } from './condition.compiler';
import { conditionHolds } from '../testing/policy.fixtures';

describe(`${compileCondition.name}: Bool and IP operators`, () => {
  const sut = conditionHolds;

  it.each([
    ['true', 'true', true],
    ['true', 'TRUE', true],
    ['True', 'true', true],
    ['true', 'false', false],
    ['false', 'false', true],
    ['true', 'yes', false],
    ['true', '1', false],
  ])('Bool %s with request %j: %s', (policyValue, requestValue, expected) => {
    expect(sut({ Bool: { 'acs:SecureTransport': policyValue } }, { 'acs:SecureTransport': requestValue })).toBe(expected);
  });

  it('Bool with a missing key is not satisfied', () => {
    expect(sut({ Bool: { 'acs:MFAPresent': 'false' } })).toBe(false);
  });

  it.each([
    [['10.0.0.0/8'], '10.200.1.1', true],
    [['10.0.0.0/8', '192.168.0.0/16'], '192.168.3.4', true],
    [['10.0.0.0/8'], '172.16.0.1', false],
    [['203.0.113.7'], '203.0.113.7', true],
    [['10.0.0.0/8'], '::ffff:10.0.0.5', true],
    [['2001:db8::/32'], '2001:db8:abcd::1', true],
    [['2001:db8::/32'], '2001:db9::1', false],
    [['10.0.0.0/8'], 'not-an-ip', false],
    [['10.0.0.0/8'], '010.0.0.1', false],
  ])('IpAddress %j with request %s: %s', (blocks, ip, expected) => {
    expect(sut({ IpAddress: { 'acs:SourceIp': blocks } }, { 'acs:SourceIp': ip })).toBe(expected);
  });

  it.each([
    [['10.0.0.0/8'], '10.1.1.1', false],
    [['10.0.0.0/8', '2001:db8::/32'], '2001:db8::9', false],
    [['10.0.0.0/8'], '11.1.1.1', true],
    [['10.0.0.0/8'], '::ffff:10.1.1.1', false],
  ])('NotIpAddress %j with request %s: %s', (blocks, ip, expected) => {
    expect(sut({ NotIpAddress: { 'acs:SourceIp': blocks } }, { 'acs:SourceIp': ip })).toBe(expected);
  });

  it('IpAddress with a missing key is not satisfied; NotIpAddress is', () => {
    expect(sut({ IpAddress: { 'acs:SourceIp': '0.0.0.0/0' } })).toBe(false);
    expect(sut({ NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } })).toBe(true);
  });
});
