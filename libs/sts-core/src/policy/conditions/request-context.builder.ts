import { ConditionKeys, requestTagKey, resourceTagKey } from './condition-keys';
import type { RequestContext } from './request-context';

/**
 * Typed facts about a request, turned into the condition-key context (ram-policy.md §4.2, §4.3) so
 * every service spells the keys and formats the values the same way. Absent facts stay absent keys,
 * which matters: a missing key fails positive operators and satisfies negated ones.
 */
export interface RequestFacts {
  readonly now: Date;
  readonly secureTransport: boolean;
  readonly sourceIp?: string;
  /** false for AccessKey calls (ram-policy.md §4.2). */
  readonly mfaPresent?: boolean;
  readonly accessKeyId?: string;
  readonly sourceVpc?: string;
  readonly principal?: { readonly arn: string; readonly accountId: string; readonly type: string; readonly ramUserId?: string };
  /** Calling service principal, e.g. for `ram:PassRole`. */
  readonly service?: string;
  readonly requestTags?: Readonly<Record<string, string>>;
  readonly resourceTags?: Readonly<Record<string, string>>;
  readonly externalId?: string;
  readonly sourceIdentity?: string;
  readonly samlRecipient?: string;
  readonly oidc?: { readonly issuer: string; readonly audiences: readonly string[]; readonly subject: string };
}

export function buildRequestContext(facts: RequestFacts): RequestContext {
  const context: Record<string, string | readonly string[]> = {
    [ConditionKeys.CurrentTime]: facts.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    [ConditionKeys.SecureTransport]: String(facts.secureTransport),
    [ConditionKeys.MFAPresent]: String(facts.mfaPresent ?? false),
  };
  const put = (key: string, value: string | readonly string[] | undefined) => {
    if (value !== undefined) context[key] = value;
  };
  put(ConditionKeys.SourceIp, facts.sourceIp);
  put(ConditionKeys.AccessId, facts.accessKeyId);
  put(ConditionKeys.SourceVpc, facts.sourceVpc);
  put(ConditionKeys.PrincipalARN, facts.principal?.arn);
  put(ConditionKeys.PrincipalAccount, facts.principal?.accountId);
  put(ConditionKeys.PrincipalType, facts.principal?.type);
  put(ConditionKeys.PrincipalRAMUserId, facts.principal?.ramUserId);
  put(ConditionKeys.Service, facts.service);
  for (const [tag, value] of Object.entries(facts.requestTags ?? {})) put(requestTagKey(tag), value);
  for (const [tag, value] of Object.entries(facts.resourceTags ?? {})) put(resourceTagKey(tag), value);
  if (facts.requestTags) put(ConditionKeys.TagKeys, Object.keys(facts.requestTags));
  put(ConditionKeys.ExternalId, facts.externalId);
  put(ConditionKeys.SourceIdentity, facts.sourceIdentity);
  put(ConditionKeys.SamlRecipient, facts.samlRecipient);
  put(ConditionKeys.OidcIssuer, facts.oidc?.issuer);
  put(ConditionKeys.OidcAudience, facts.oidc?.audiences);
  put(ConditionKeys.OidcSubject, facts.oidc?.subject);
  return context;
}
