import { isIP } from 'node:net';

/**
 * IPv4/IPv6 addresses and CIDR blocks for `IpAddress` / `NotIpAddress`. Every address is held as
 * 128 bits (four unsigned 32-bit words) with IPv4 in its IPv4-mapped IPv6 form, so `10.1.2.3` and
 * `::ffff:10.1.2.3` are the same address: a caller cannot slip past an IPv4 block by writing its
 * address in the mapped form. Zone ids (`fe80::1%eth0`) and leading-zero octets are refused
 * rather than guessed at.
 */
export type IpWords = readonly [number, number, number, number];

export interface IpBlock {
  readonly network: IpWords;
  readonly masks: IpWords;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIpAddress(text: string): IpWords | undefined {
  const v4 = ipv4Word(text);
  if (v4 !== undefined) return [0, 0, 0xffff, v4];
  if (isIP(text) !== 6 || text.includes('%')) return undefined;
  return ipv6Words(text);
}

/** `addr` or `addr/prefix`; a bare address is a single-host block. Host bits are masked off. */
export function parseIpBlock(text: string): IpBlock | undefined {
  const slash = text.indexOf('/');
  const address = parseIpAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const isV4 = ipv4Word(slash < 0 ? text : text.slice(0, slash)) !== undefined;
  const max = isV4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const digits = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(digits) || Number(digits) > max) return undefined;
    prefix = Number(digits);
  }
  const masks = maskWords(isV4 ? prefix + 96 : prefix);
  const network = address.map((w, i) => (w & masks[i]) >>> 0) as unknown as IpWords;
  return { network, masks };
}

export function ipInBlock(address: IpWords, block: IpBlock): boolean {
  const { network, masks } = block;
  return (
    ((address[0] & masks[0]) >>> 0) === network[0] &&
    ((address[1] & masks[1]) >>> 0) === network[1] &&
    ((address[2] & masks[2]) >>> 0) === network[2] &&
    ((address[3] & masks[3]) >>> 0) === network[3]
  );
}

function maskWords(prefix: number): IpWords {
  const word = (i: number): number => {
    const bits = Math.max(0, Math.min(32, prefix - 32 * i));
    return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  };
  return [word(0), word(1), word(2), word(3)];
}

function ipv4Word(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

/** Called only on text `isIP` accepted as IPv6, so the shape is known to be valid. */
function ipv6Words(text: string): IpWords {
  const groups: number[] = [];
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const expand = (part: string): number[] => {
    if (part === '') return [];
    return part.split(':').flatMap((g) => {
      const v4 = ipv4Word(g);
      return v4 === undefined ? [parseInt(g, 16)] : [v4 >>> 16, v4 & 0xffff];
    });
  };
  const front = expand(head);
  const back = tail === undefined ? [] : expand(tail);
  groups.push(...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back);
  const word = (i: number): number => ((groups[2 * i] << 16) | groups[2 * i + 1]) >>> 0;
  return [word(0), word(1), word(2), word(3)];
}
