import type { PolicyPrincipal } from '../grammar/policy-document.types';

/**
 * Who is asking to assume a role, as verified by the caller of the engine (ram-policy.md §5).
 * `Root` exists so the type can describe every caller, but no trust-policy entry ever matches it:
 * `acs:ram::<account>:root` means "RAM users and role sessions of that account", and the account
 * itself may not assume roles (sts-api.md §3.2).
 */
export type CallerPrincipal =
  | { readonly type: 'RamUser'; readonly accountId: string; readonly userName: string }
  | { readonly type: 'RoleSession'; readonly accountId: string; readonly roleName: string }
  | { readonly type: 'Root'; readonly accountId: string }
  | { readonly type: 'Service'; readonly service: string }
  | { readonly type: 'Federated'; readonly protocol: 'SAML' | 'OIDC'; readonly providerArn: string };

const RAM_ENTRY = /^acs:ram::(\d+):(root|user\/.+|role\/.+)$/i;
const PROVIDER_ARN = /^acs:ram::(\d+):((saml|oidc)-provider\/.+)$/i;

/** Principal entries folded to `account:kind/name` keys; names are case-insensitive in RAM. */
export class PrincipalMatcher {
  private readonly rootAccounts = new Set<string>();
  private readonly users = new Set<string>();
  private readonly roles = new Set<string>();
  private readonly services = new Set<string>();
  private readonly providers = new Set<string>();

  /** `principal` passed the grammar check, so every entry has a known shape. */
  constructor(principal: PolicyPrincipal) {
    for (const entry of principal.RAM ?? []) {
      const m = RAM_ENTRY.exec(entry);
      if (!m) continue;
      const target = m[2].toLowerCase();
      if (target === 'root') this.rootAccounts.add(m[1]);
      else (target.startsWith('user/') ? this.users : this.roles).add(`${m[1]}:${target.slice(5)}`);
    }
    for (const service of principal.Service ?? []) this.services.add(service.toLowerCase());
    for (const arn of principal.Federated ?? []) {
      const key = providerKey(arn);
      if (key !== undefined) this.providers.add(key);
    }
  }

  matches(caller: CallerPrincipal): boolean {
    switch (caller.type) {
      case 'RamUser':
        return this.rootAccounts.has(caller.accountId) || this.users.has(`${caller.accountId}:${caller.userName.toLowerCase()}`);
      case 'RoleSession':
        return this.rootAccounts.has(caller.accountId) || this.roles.has(`${caller.accountId}:${caller.roleName.toLowerCase()}`);
      case 'Root':
        return false;
      case 'Service':
        return this.services.has(caller.service.toLowerCase());
      case 'Federated': {
        const key = providerKey(caller.providerArn);
        // a SAML assertion must not pass as an OIDC provider's token or the other way round
        return key !== undefined && key.includes(`:${caller.protocol.toLowerCase()}-provider/`) && this.providers.has(key);
      }
      default: {
        const unreachable: never = caller;
        return unreachable;
      }
    }
  }
}

function providerKey(arn: string): string | undefined {
  const m = PROVIDER_ARN.exec(arn);
  return m ? `${m[1]}:${m[2].toLowerCase()}` : undefined;
}
