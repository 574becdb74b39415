import { Emit, envelopeFor } from '@opensts/platform';
import { formatArn } from '@opensts/sts-core/arn';
import { IdentityEvent, OidcProviderStateV1, Topics } from '@opensts/sts-core/events';
import type { OidcProviderEntity } from './oidc-provider.entity';

export const oidcProviderArn = (p: OidcProviderEntity): string => formatArn({ kind: 'oidc-provider', accountId: p.accountId, providerName: p.name });
export const fingerprintsOf = (p: OidcProviderEntity): string[] => JSON.parse(p.fingerprints) as string[];
export const clientIdsOf = (p: OidcProviderEntity): string[] => JSON.parse(p.clientIds) as string[];

const state = (p: OidcProviderEntity): OidcProviderStateV1 => ({
  accountId: p.accountId,
  oidcProviderName: p.name,
  arn: oidcProviderArn(p),
  issuerUrl: p.issuerUrl,
  clientIds: clientIdsOf(p),
  fingerprints: fingerprintsOf(p),
  issuanceLimitTime: p.issuanceLimitTime,
  description: p.description ?? undefined,
  createDate: p.createDate,
  updateDate: p.updateDate,
});

export function emitOidcProviderEvent(emit: Emit, type: 'OidcProviderCreated' | 'OidcProviderUpdated' | 'OidcProviderDeleted', p: OidcProviderEntity, version = p.version): void {
  const event: IdentityEvent =
    type === 'OidcProviderDeleted'
      ? { type, schemaVersion: 1, payload: { accountId: p.accountId, oidcProviderName: p.name, arn: oidcProviderArn(p) } }
      : { type, schemaVersion: 1, payload: state(p) };
  emit(Topics.identity, envelopeFor(event, { aggregateType: 'OidcProvider', aggregateId: p.providerId, aggregateVersion: version, accountId: p.accountId }));
}

const epochMillis = (date: string): string => String(Date.parse(date));

/** `OIDCProvider` of every IMS OIDC action: lists comma-joined, Gmt* epoch milliseconds as strings. */
export function oidcProviderBody(p: OidcProviderEntity): Record<string, unknown> {
  return {
    Arn: oidcProviderArn(p),
    OIDCProviderName: p.name,
    IssuerUrl: p.issuerUrl,
    Fingerprints: fingerprintsOf(p).join(','),
    ClientIds: clientIdsOf(p).join(','),
    IssuanceLimitTime: p.issuanceLimitTime,
    ...(p.description ? { Description: p.description } : {}),
    CreateDate: p.createDate,
    UpdateDate: p.updateDate,
    GmtCreate: epochMillis(p.createDate),
    GmtModified: epochMillis(p.updateDate),
  };
}
