import { parseSealedSecret, SecretBox } from '@opensts/sts-core/crypto';
import type { AccessKeyOwner, AccessKeyStatus, OidcProviderStateV1, SamlProviderStateV1 } from '@opensts/sts-core/events';
import { CompiledPolicy, compilePolicy, findSystemPolicy, parsePolicy } from '@opensts/sts-core/policy';
import { AccessIndex } from './access-index';
import { ViewKeys } from './view-keys';

export interface AccessKeyView {
  accessKeyId: string;
  accountId: string;
  owner: AccessKeyOwner;
  status: AccessKeyStatus;
  /** Opened from its sealed form on first use and kept in memory only. */
  secret: string;
}

export interface UserView {
  accountId: string;
  userId: string;
  userName: string;
}

export interface RoleView {
  accountId: string;
  roleId: string;
  roleName: string;
  arn: string;
  trustPolicyDocument: string;
  trustPolicy: CompiledPolicy;
  maxSessionDuration: number;
}

export interface PrincipalRef {
  type: 'User' | 'Role';
  id: string;
}

/**
 * What gateway and token-issuance know of the directory, answered from memory: AccessKeys (with
 * their secrets), users, roles with compiled trust policies, and each principal's attached
 * policies compiled once per change. Built from identity and policy events (AccessViewStore).
 */
export class DirectoryView {
  private readonly secrets = new Map<string, { sealed: unknown; secret: string }>();
  private readonly trust = new Map<string, { doc: string; compiled: CompiledPolicy }>();
  private readonly policies = new Map<string, { doc: string; compiled: CompiledPolicy }>();
  private readonly effective = new Map<string, { generation: number; policies: CompiledPolicy[] }>();

  constructor(private readonly index: AccessIndex, private readonly secretBox: SecretBox) {}

  accessKey(accessKeyId: string): AccessKeyView | undefined {
    const r = this.index.get('access-key', accessKeyId);
    if (!r) return undefined;
    const d = r.data;
    return {
      accessKeyId,
      accountId: String(d.accountId),
      owner: d.owner as AccessKeyOwner,
      status: d.status as AccessKeyStatus,
      secret: this.secretOf(accessKeyId, d.sealedSecret),
    };
  }

  user(userId: string): UserView | undefined {
    const d = this.index.get('user', userId)?.data;
    return d ? { accountId: String(d.accountId), userId, userName: String(d.userName) } : undefined;
  }

  userByName(accountId: string, userName: string): UserView | undefined {
    const id = this.index.idByName('user', accountId, userName);
    return id ? this.user(id) : undefined;
  }

  roleById(roleId: string): RoleView | undefined {
    const d = this.index.get('role', roleId)?.data;
    if (!d) return undefined;
    const doc = String(d.assumeRolePolicyDocument);
    let t = this.trust.get(roleId);
    if (!t || t.doc !== doc) this.trust.set(roleId, (t = { doc, compiled: compileDocument(doc, 'trust', `trust-policy:${String(d.roleName)}`) }));
    return {
      accountId: String(d.accountId),
      roleId,
      roleName: String(d.roleName),
      arn: String(d.arn),
      trustPolicyDocument: doc,
      trustPolicy: t.compiled,
      maxSessionDuration: Number(d.maxSessionDuration),
    };
  }

  /** Role names are case-insensitive (sts-api.md §2). */
  role(accountId: string, roleName: string): RoleView | undefined {
    const id = this.index.idByName('role', accountId, roleName);
    return id ? this.roleById(id) : undefined;
  }

  /** True only when this view saw the role deleted; an unknown role may simply not have arrived yet. */
  roleDeleted(roleId: string): boolean {
    return this.index.getAny('role', roleId)?.deleted === true;
  }

  accountExists(accountId: string): boolean {
    return this.index.get('account', accountId) !== undefined;
  }

  samlProvider(accountId: string, name: string): SamlProviderStateV1 | undefined {
    return this.index.get('saml-provider', ViewKeys.nameKey(accountId, name))?.data as SamlProviderStateV1 | undefined;
  }

  oidcProvider(accountId: string, name: string): OidcProviderStateV1 | undefined {
    return this.index.get('oidc-provider', ViewKeys.nameKey(accountId, name))?.data as OidcProviderStateV1 | undefined;
  }

  /** The principal's attached policies (default versions), compiled; a union at evaluation. */
  identityPolicies(accountId: string, principal: PrincipalRef): readonly CompiledPolicy[] {
    const key = ViewKeys.principal(accountId, principal.type, principal.id);
    const cached = this.effective.get(key);
    if (cached && cached.generation === this.index.generation) return cached.policies;
    const list: CompiledPolicy[] = [];
    for (const a of this.index.attachmentsOf(accountId, principal.type, principal.id)) {
      const compiled = this.policy(accountId, String(a.data.policyType), String(a.data.policyName));
      if (compiled) list.push(compiled);
    }
    this.effective.set(key, { generation: this.index.generation, policies: list });
    return list;
  }

  private policy(accountId: string, type: string, name: string): CompiledPolicy | undefined {
    const cacheKey = `${type}:${ViewKeys.policy(accountId, name)}`;
    const doc = type === 'System' ? findSystemPolicy(name)?.document : (this.index.get('policy', ViewKeys.policy(accountId, name))?.data.document as string | undefined);
    if (doc === undefined) return undefined;
    let p = this.policies.get(cacheKey);
    if (!p || p.doc !== doc) this.policies.set(cacheKey, (p = { doc, compiled: compileDocument(doc, 'identity', `policy:${type}:${name}`) }));
    return p.compiled;
  }

  private secretOf(accessKeyId: string, sealed: unknown): string {
    const cached = this.secrets.get(accessKeyId);
    if (cached && cached.sealed === sealed) return cached.secret;
    const secret = this.secretBox.openText(parseSealedSecret(typeof sealed === 'string' ? JSON.parse(sealed) : sealed), accessKeyId);
    this.secrets.set(accessKeyId, { sealed, secret });
    return secret;
  }
}

/** Documents in the view were validated by their owning service; a failure here is a bug, not input. */
function compileDocument(text: string, kind: 'identity' | 'trust', ref: string): CompiledPolicy {
  const parsed = parsePolicy(text, kind);
  if (!parsed.ok) throw new Error(`stored ${kind} policy ${ref} does not parse: ${parsed.error.message}`);
  return compilePolicy(parsed.document, ref);
}
