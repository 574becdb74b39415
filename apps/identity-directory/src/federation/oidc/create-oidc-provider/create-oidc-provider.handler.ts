import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { v7 as uuidv7 } from 'uuid';
import { ApiActionHandler, callerAccount, nameKey } from '@opensts/platform';
import { onDuplicate } from '@opensts/platform';
import { DIRECTORY_LIMITS, DirectoryLimits } from '../../../identity-directory.constants';
import { providerDescription } from '../../saml/saml-provider.rules';
import { checkProviderName } from '../../shared/provider-name.rule';
import { OidcProviderEntity } from '../oidc-provider.entity';
import { emitOidcProviderEvent, oidcProviderBody } from '../oidc-provider.model';
import { OidcProviderRepository } from '../oidc-provider.repository';
import { checkIssuerUrl, ISSUANCE_LIMIT_TIME, parseClientIds, parseFingerprints } from '../oidc-provider.rules';

@Injectable()
export class CreateOidcProviderHandler implements ApiActionHandler {
  readonly product = 'Ims';
  readonly action = 'CreateOIDCProvider';

  constructor(
    @Inject(OidcProviderRepository) private readonly providers: OidcProviderRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(DIRECTORY_LIMITS) private readonly limits: DirectoryLimits,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const name = checkProviderName('OIDCProviderName', p.required('OIDCProviderName'));
    const issuerUrl = checkIssuerUrl(p.required('IssuerUrl'));
    const fingerprints = parseFingerprints(p.required('Fingerprints'), this.limits.fingerprintsPerOidcProvider);
    if (fingerprints.length === 0) throw RamErrors.missing('Fingerprints');
    const now = ramDate();
    const provider: OidcProviderEntity = {
      providerId: uuidv7(),
      accountId,
      name,
      nameKey: nameKey(name),
      issuerUrl,
      fingerprints: JSON.stringify(fingerprints),
      clientIds: JSON.stringify(parseClientIds(p.optional('ClientIds'), this.limits.clientIdsPerOidcProvider)),
      issuanceLimitTime: p.int('IssuanceLimitTime', ISSUANCE_LIMIT_TIME) ?? ISSUANCE_LIMIT_TIME.fallback,
      description: providerDescription('Description', p.optional('Description')) ?? null,
      createDate: now,
      updateDate: now,
      version: 1,
    };
    await onDuplicate(
      () =>
        this.outbox.run(async (m, emit) => {
          if ((await this.providers.findByName(accountId, name, m)) || (await this.providers.findByIssuer(accountId, issuerUrl, m))) throw RamErrors.oidcProviderExists();
          if ((await this.providers.count(m, accountId)) >= this.limits.oidcProvidersPerAccount) throw RamErrors.oidcProviderLimit();
          await m.insert(OidcProviderEntity, provider);
          emitOidcProviderEvent(emit, 'OidcProviderCreated', provider);
        }),
      RamErrors.oidcProviderExists,
    );
    return { OIDCProvider: oidcProviderBody(provider) };
  }
}
