import { BlockList, isIP } from 'node:net';
import { parseCidr } from '@opensts/platform';

/**
 * Which addresses the OIDC key fetcher may connect to. An issuer URL, and the `jwks_uri` its
 * discovery document names, are chosen by whoever registers the provider, and anyone can make the
 * service fetch them (an AssumeRoleWithOIDC with an unsigned token naming the issuer): without
 * this, a tenant could point them at the deployment's own network (loopback, private ranges,
 * link-local metadata services) and read the answers' shape off the error codes. Those ranges are
 * refused unless the operator lists them in STS_OIDC_PRIVATE_NETWORKS (a private IdP). A name is
 * checked on every address it resolves to, and the connection uses those very addresses.
 */
export class IssuerAddressPolicy {
  private readonly allowed = new BlockList();

  /** `privateNetworks`: CIDRs (`10.1.0.0/16`, `::1/128`) allowed although they are not public. */
  constructor(privateNetworks: readonly string[] = []) {
    for (const cidr of privateNetworks) {
      const parsed = parseCidr(cidr);
      if (!parsed) throw new Error(`not a CIDR: ${cidr}`);
      this.allowed.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
  }

  /** BlockList applies IPv4 rules to IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) too. */
  allows(address: string): boolean {
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    return !NOT_PUBLIC.check(address, family) || this.allowed.check(address, family);
  }
}

/** Addresses that are not the public internet (RFC 6890 and its IPv6 counterparts). */
const NOT_PUBLIC = new BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC.addSubnet(address, prefix, 'ipv4');
// and the IPv6 forms that embed an IPv4 address, which a translator on the way would connect to
// whatever it is (NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001::/32,
// IPv4-compatible ::/96): refused whole, since no public IdP is reached only that way
for (const [address, prefix] of [
  ['::', 96], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['2001::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC.addSubnet(address, prefix, 'ipv6');
