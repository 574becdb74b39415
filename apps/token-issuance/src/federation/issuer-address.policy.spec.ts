import { IssuerAddressPolicy } from './issuer-address.policy';

describe(IssuerAddressPolicy.name, () => {
  it.each([
    ['127.0.0.1'], ['10.1.2.3'], ['172.16.0.1'], ['192.168.1.1'], ['169.254.169.254'], ['100.100.100.200'], ['0.0.0.0'],
    ['::1'], ['::'], ['fe80::1'], ['fd00::1'], ['::ffff:127.0.0.1'], ['::ffff:10.0.0.1'],
    // IPv6 forms that carry an IPv4 address a gateway on the way would reach: NAT64, 6to4, Teredo, IPv4-compatible
    ['64:ff9b::a9fe:a9fe'], ['64:ff9b:1::a00:1'], ['2002:a00:1::1'], ['2001:0:4136:e378:8000:63bf:3fff:fdd2'], ['::a00:1'],
  ])('refuses %s, which is not the public internet', (address) => {
    expect(new IssuerAddressPolicy().allows(address)).toBe(false);
  });

  it.each([['8.8.8.8'], ['140.205.60.46'], ['2001:4860:4860::8888'], ['::ffff:8.8.8.8']])('allows the public address %s', (address) => {
    expect(new IssuerAddressPolicy().allows(address)).toBe(true);
  });

  it('allows the private networks the operator lists, and only those', () => {
    const sut = new IssuerAddressPolicy(['10.20.0.0/16', '::1/128']);
    expect([sut.allows('10.20.3.4'), sut.allows('::1'), sut.allows('10.21.0.1'), sut.allows('127.0.0.1')]).toEqual([true, true, false, false]);
  });

  it('refuses a list entry that is not a CIDR', () => {
    expect(() => new IssuerAddressPolicy(['10.0.0.0'])).toThrow('not a CIDR');
    expect(() => new IssuerAddressPolicy(['10.0.0.0/33'])).toThrow('not a CIDR');
  });
});
