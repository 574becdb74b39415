import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, ramDate, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { v7 as uuidv7 } from 'uuid';
import { ApiActionHandler, callerAccount, nameKey } from '@opensts/platform';
import { onDuplicate } from '@opensts/platform';
import { DIRECTORY_LIMITS, DirectoryLimits } from '../../../identity-directory.constants';
import { checkProviderName } from '../../shared/provider-name.rule';
import { parseSamlMetadata } from '../saml-metadata.parser';
import { SamlProviderEntity } from '../saml-provider.entity';
import { emitSamlProviderEvent, samlProviderBody } from '../saml-provider.model';
import { SamlProviderRepository } from '../saml-provider.repository';
import { authnSignAlgo, providerDescription } from '../saml-provider.rules';

@Injectable()
export class CreateSamlProviderHandler implements ApiActionHandler {
  readonly product = 'Ims';
  readonly action = 'CreateSAMLProvider';

  constructor(
    @Inject(SamlProviderRepository) private readonly providers: SamlProviderRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(DIRECTORY_LIMITS) private readonly limits: DirectoryLimits,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const p = new ActionParams(call.params);
    const name = checkProviderName('SAMLProviderName', p.required('SAMLProviderName'));
    // only the name is required (ram-api.md §7): a provider may be registered first and given its
    // IdP metadata later with UpdateSAMLProvider; until then no assertion can be verified against it
    const encoded = p.optional('EncodedSAMLMetadataDocument');
    const metadata = encoded === undefined ? { entityId: '', signingCertificates: [] } : parseSamlMetadata(encoded, this.limits.signingCertificatesPerMetadata);
    const now = ramDate();
    const provider: SamlProviderEntity = {
      providerId: uuidv7(),
      accountId,
      name,
      nameKey: nameKey(name),
      description: providerDescription('Description', p.optional('Description')) ?? null,
      authnSignAlgo: authnSignAlgo(p, 'rsa-sha1')!,
      encodedMetadata: encoded ?? '',
      entityId: metadata.entityId,
      signingCertificates: JSON.stringify(metadata.signingCertificates),
      createDate: now,
      updateDate: now,
      version: 1,
    };
    await onDuplicate(
      () =>
        this.outbox.run(async (m, emit) => {
          if (await this.providers.findByName(accountId, name, m)) throw RamErrors.samlProviderExists();
          if ((await this.providers.count(m, accountId)) >= this.limits.samlProvidersPerAccount) throw RamErrors.samlProviderLimit();
          await m.insert(SamlProviderEntity, provider);
          emitSamlProviderEvent(emit, 'SamlProviderCreated', provider);
        }),
      RamErrors.samlProviderExists,
    );
    return { SAMLProvider: samlProviderBody(provider, 'write') };
  }
}
