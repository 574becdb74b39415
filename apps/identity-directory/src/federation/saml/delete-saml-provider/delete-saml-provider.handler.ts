import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { SamlProviderEntity } from '../saml-provider.entity';
import { emitSamlProviderEvent } from '../saml-provider.model';
import { SamlProviderRepository } from '../saml-provider.repository';

@Injectable()
export class DeleteSamlProviderHandler implements ApiActionHandler {
  readonly product = 'Ims';
  readonly action = 'DeleteSAMLProvider';

  constructor(
    @Inject(SamlProviderRepository) private readonly providers: SamlProviderRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const name = new ActionParams(call.params).required('SAMLProviderName');
    await this.outbox.run(async (m, emit) => {
      const provider = await this.providers.findByName(accountId, name, m, true);
      if (!provider) throw RamErrors.samlProviderNotExist();
      await m.delete(SamlProviderEntity, { providerId: provider.providerId });
      emitSamlProviderEvent(emit, 'SamlProviderDeleted', provider, provider.version + 1);
    });
    return {};
  }
}
