import { accountPrincipal, ramUserPrincipal } from '@opensts/sts-core/principal';
import { RequestThrottle, sourceNetwork } from './request.throttle';

const ACCOUNT = '1234567890123456';
const alice = ramUserPrincipal(ACCOUNT, '1', 'alice', 'LTAIalice');
const bob = ramUserPrincipal(ACCOUNT, '2', 'bob', 'LTAIbob');

describe(RequestThrottle.name, () => {
  it('lets everything through when both quotas are 0 (off)', () => {
    const sut = new RequestThrottle({ throttlePerAccessKey: 0, throttlePerAccount: 0 });
    for (let i = 0; i < 1000; i++) expect(sut.check(alice, 0).ok).toBe(true);
  });

  it('refuses the next request of a key beyond its quota with Throttling.User and retry headers', () => {
    const sut = new RequestThrottle({ throttlePerAccessKey: 2, throttlePerAccount: 0 });
    expect([sut.check(alice, 0).ok, sut.check(alice, 0).ok]).toEqual([true, true]);
    const refused = sut.check(alice, 0);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'Throttling.User', httpStatus: 400 },
      headers: { 'x-acs-retry-after': '500', 'retry-after': '1', 'ratelimit-limit': '2', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' },
    });
    expect(sut.check(bob, 0).ok).toBe(true);
    expect(sut.check(alice, 500).ok).toBe(true);
  });

  it('applies the account quota across its keys, without spending a key token on a refused request', () => {
    const sut = new RequestThrottle({ throttlePerAccessKey: 1, throttlePerAccount: 2 });
    expect(sut.check(alice, 0).ok).toBe(true);
    expect(sut.check(bob, 0).ok).toBe(true);
    const root = accountPrincipal(ACCOUNT, 'LTAIroot');
    expect(sut.check(root, 0)).toMatchObject({ ok: false, headers: { 'ratelimit-limit': '2' } });
    expect(sut.check(root, 500).ok).toBe(true); // its own key bucket was untouched by the refusal
  });

  it('gives an admitted call the RateLimit fields of the quota nearest exhaustion', () => {
    const sut = new RequestThrottle({ throttlePerAccessKey: 2, throttlePerAccount: 5 });
    expect(sut.check(alice, 0)).toEqual({ ok: true, headers: { 'ratelimit-limit': '2', 'ratelimit-remaining': '1', 'ratelimit-reset': '1' } });
    sut.check(bob, 0);
    sut.check(bob, 0);
    // after this call alice's key has 0 left, the account 1: the key speaks
    expect(sut.check(alice, 0)).toMatchObject({ ok: true, headers: { 'ratelimit-limit': '2', 'ratelimit-remaining': '0' } });
    const carol = ramUserPrincipal(ACCOUNT, '3', 'carol', 'LTAIcarol');
    // carol's key has 1 left, the account 0: the account speaks
    expect(sut.check(carol, 0)).toMatchObject({ ok: true, headers: { 'ratelimit-limit': '5', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' } });
  });

  it('adds no headers when no quota is configured', () => {
    expect(new RequestThrottle({ throttlePerAccessKey: 0, throttlePerAccount: 0 }).check(alice, 0)).toEqual({ ok: true });
  });

  it('does not count anonymous (federation) calls against key or account quotas: they have neither', () => {
    const sut = new RequestThrottle({ throttlePerAccessKey: 1, throttlePerAccount: 1 });
    for (let i = 0; i < 10; i++) expect(sut.check(undefined, 0, '10.0.0.1').ok).toBe(true);
  });

  it('counts anonymous calls per source IP when STS_THROTTLE_ANONYMOUS_PER_IP is set, and leaves signed callers from that IP alone', () => {
    const sut = new RequestThrottle({ throttlePerAccessKey: 0, throttlePerAccount: 0, throttleAnonymousPerIp: 2 });
    expect([sut.check(undefined, 0, '10.0.0.1'), sut.check(undefined, 0, '10.0.0.1')].map((v) => v.ok)).toEqual([true, true]);
    const refused = sut.check(undefined, 0, '10.0.0.1');
    expect(refused).toMatchObject({ ok: false, error: { code: 'Throttling.User' }, headers: { 'ratelimit-limit': '2', 'ratelimit-remaining': '0', 'x-acs-retry-after': '500' } });
    expect(sut.check(undefined, 0, '10.0.0.2').ok).toBe(true);
    expect(sut.check(alice, 0, '10.0.0.1').ok).toBe(true);
    expect(sut.check(undefined, 500, '10.0.0.1')).toMatchObject({ ok: true, headers: { 'ratelimit-remaining': '0' } });
  });

  it('counts anonymous IPv6 callers per /64, so a client cannot take a fresh quota with each address of its network', () => {
    const sut = new RequestThrottle({ throttlePerAccessKey: 0, throttlePerAccount: 0, throttleAnonymousPerIp: 2 });
    const oneNetwork = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002:0::7'];
    expect(oneNetwork.map((ip) => sut.check(undefined, 0, ip).ok)).toEqual([true, true, false]);
    expect(sut.check(undefined, 0, '2001:db8:1:3::1').ok).toBe(true);
  });
});

describe(sourceNetwork.name, () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    ['2001:DB8:1:2::', '2001:db8:1:2::/64'],
  ])('%s is counted as %s', (ip, network) => {
    expect(sourceNetwork(ip)).toBe(network);
  });
});
