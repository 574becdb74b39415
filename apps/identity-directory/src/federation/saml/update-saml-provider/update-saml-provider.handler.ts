import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { DIRECTORY_LIMITS, DirectoryLimits } from '../../../identity-directory.constants';
import { parseSamlMetadata } from '../saml-metadata.parser';
import { SamlProviderEntity } from '../saml-provider.entity';
import { emitSamlProviderEvent, samlProviderBody } from '../saml-provider.model';
import { SamlProviderRepository } from '../saml-provider.repository';
import { authnSignAlgo, providerDescription } from '../saml-provider.rules';

@Injectable()
export class UpdateSamlProviderHandler implements ApiActionHandler {
  readonly product = 'Ims';
  readonly action = 'UpdateSAMLProvider';

  constructor(
    @Inject(SamlProviderRepository) private readonly providers: SamlProviderRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(DIRECTORY_LIMITS) private readonly limits: DirectoryLimits,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const name = p.required('SAMLProviderName');
    const encoded = p.optional('NewEncodedSAMLMetadataDocument');
    const algo = authnSignAlgo(p);
    if (encoded === undefined && !p.has('NewDescription') && algo === undefined) throw RamErrors.missing('NewEncodedSAMLMetadataDocument');
    const metadata = encoded === undefined ? undefined : parseSamlMetadata(encoded, this.limits.signingCertificatesPerMetadata);
    const changes: Partial<SamlProviderEntity> = {
      ...(metadata ? { encodedMetadata: encoded, entityId: metadata.entityId, signingCertificates: JSON.stringify(metadata.signingCertificates) } : {}),
      ...(p.has('NewDescription') ? { description: providerDescription('NewDescription', p.optional('NewDescription')) } : {}),
      ...(algo !== undefined ? { authnSignAlgo: algo } : {}),
    };
    const updated = await this.outbox.run(async (m, emit) => {
      const provider = await this.providers.findByName(accountId, name, m, true);
      if (!provider) throw RamErrors.samlProviderNotExist();
      if (!(Object.keys(changes) as (keyof SamlProviderEntity)[]).some((k) => changes[k] !== provider[k])) return provider;
      const next: SamlProviderEntity = { ...provider, ...changes, updateDate: ramDate(), version: provider.version + 1 };
      await m.update(SamlProviderEntity, { providerId: provider.providerId }, next);
      emitSamlProviderEvent(emit, 'SamlProviderUpdated', next);
      return next;
    });
    return { SAMLProvider: samlProviderBody(updated, 'write') };
  }
}
