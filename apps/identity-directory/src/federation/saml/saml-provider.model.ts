import { Emit, envelopeFor } from '@opensts/platform';
import { formatArn } from '@opensts/sts-core/arn';
import { IdentityEvent, SamlProviderStateV1, Topics } from '@opensts/sts-core/events';
import type { SamlProviderEntity } from './saml-provider.entity';

export const samlProviderArn = (p: SamlProviderEntity): string => formatArn({ kind: 'saml-provider', accountId: p.accountId, providerName: p.name });

const state = (p: SamlProviderEntity): SamlProviderStateV1 => ({
  accountId: p.accountId,
  samlProviderName: p.name,
  arn: samlProviderArn(p),
  description: p.description ?? undefined,
  entityId: p.entityId,
  signingCertificates: JSON.parse(p.signingCertificates) as string[],
  encodedSamlMetadataDocument: p.encodedMetadata,
  createDate: p.createDate,
  updateDate: p.updateDate,
});

export function emitSamlProviderEvent(emit: Emit, type: 'SamlProviderCreated' | 'SamlProviderUpdated' | 'SamlProviderDeleted', p: SamlProviderEntity, version = p.version): void {
  const event: IdentityEvent =
    type === 'SamlProviderDeleted'
      ? { type, schemaVersion: 1, payload: { accountId: p.accountId, samlProviderName: p.name, arn: samlProviderArn(p) } }
      : { type, schemaVersion: 1, payload: state(p) };
  emit(Topics.identity, envelopeFor(event, { aggregateType: 'SamlProvider', aggregateId: p.providerId, aggregateVersion: version, accountId: p.accountId }));
}

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

/** `SAMLProvider` of Create/Update (no metadata), Get (with it), List items (ram-api.md §7). */
export function samlProviderBody(p: SamlProviderEntity, shape: 'write' | 'get' | 'list'): Record<string, unknown> {
  return defined({
    Arn: samlProviderArn(p),
    SAMLProviderName: p.name,
    Description: p.description,
    AuthnSignAlgo: shape === 'list' ? undefined : p.authnSignAlgo,
    EncodedSAMLMetadataDocument: shape === 'get' && p.encodedMetadata !== '' ? p.encodedMetadata : undefined,
    CreateDate: p.createDate,
    UpdateDate: p.updateDate,
  });
}
