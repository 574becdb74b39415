import { BlockList } from 'node:net';
import fc from 'fast-check';
import { ipInBlock, parseIpAddress, parseIpBlock } from './ip-address';

describe(ipInBlock.name, () => {
  const inBlock = (address: string, block: string) => {
    const a = parseIpAddress(address);
    const b = parseIpBlock(block);
    if (a === undefined || b === undefined) throw new Error(`unparseable ${address} / ${block}`);
    return ipInBlock(a, b);
  };

  it.each([
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.1.2.3', '10.0.0.0/8', false],
    ['10.1.2.3', '10.1.2.3', true],
    ['10.1.2.4', '10.1.2.3', false],
    ['192.168.1.77', '192.168.1.64/26', true],
    ['192.168.1.128', '192.168.1.64/26', false],
    ['203.0.113.9', '0.0.0.0/0', true],
    ['10.1.2.3', '10.1.2.99/24', true],
    ['::ffff:10.1.2.3', '10.0.0.0/8', true],
    ['::ffff:a01:203', '10.0.0.0/8', true],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:db9::1', '2001:db8::/32', false],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', true],
    ['::1', '::1/128', true],
    ['2001:db8::1', '10.0.0.0/8', false],
    ['10.1.2.3', '::/0', true],
    ['1:2:3:4:5:6:7:8', '1:2:3:4::/64', true],
    ['1:2:3:5:5:6:7:8', '1:2:3:4::/64', false],
  ])('%s in %s: %s', (address, block, expected) => {
    expect(inBlock(address, block)).toBe(expected);
  });

  it.each(['010.0.0.1', '1.2.3', '256.1.1.1', ' 1.2.3.4', 'fe80::1%eth0', '1::2::3', '', 'localhost'])('refuses the address %j', (text) => {
    expect(parseIpAddress(text)).toBeUndefined();
  });

  it.each(['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/-1', '::/129', '10.0.0.0/8/8', '10.0.0.0/0x8'])('refuses the block %j', (text) => {
    expect(parseIpBlock(text)).toBeUndefined();
  });

  it('agrees with node:net BlockList on random IPv4 and IPv6 blocks', () => {
    const v4 = fc.tuple(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 32 }));
    const v6 = fc.tuple(fc.ipV6(), fc.ipV6(), fc.integer({ min: 0, max: 128 }));
    fc.assert(
      fc.property(fc.oneof(v4.map((t) => [...t, 'ipv4'] as const), v6.map((t) => [...t, 'ipv6'] as const)), ([address, network, prefix, family]) => {
        const reference = new BlockList();
        reference.addSubnet(network, prefix, family);
        expect(inBlock(address, `${network}/${prefix}`)).toBe(reference.check(address, family));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with node:net BlockList on addresses near the block edge', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 31 }), (network, prefix, bit) => {
        const flipped = (parseInt(network.split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join(''), 16) ^ (1 << bit)) >>> 0;
        const address = [24, 16, 8, 0].map((s) => (flipped >>> s) & 255).join('.');
        const reference = new BlockList();
        reference.addSubnet(network, prefix, 'ipv4');
        expect(inBlock(address, `${network}/${prefix}`)).toBe(reference.check(address, 'ipv4'));
      }),
      { numRuns: 2000 },
    );
  });
});
