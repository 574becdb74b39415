import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { OidcProviderEntity } from '../oidc-provider.entity';
import { emitOidcProviderEvent } from '../oidc-provider.model';
import { OidcProviderRepository } from '../oidc-provider.repository';

@Injectable()
export class DeleteOidcProviderHandler implements ApiActionHandler {
  readonly product = 'Ims';
  readonly action = 'DeleteOIDCProvider';

  constructor(
    @Inject(OidcProviderRepository) private readonly providers: OidcProviderRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const accountId = callerAccount(call);
    const name = new ActionParams(call.params).required('OIDCProviderName');
    await this.outbox.run(async (m, emit) => {
      const provider = await this.providers.findByName(accountId, name, m, true);
      if (!provider) throw RamErrors.oidcProviderNotExist();
      await m.delete(OidcProviderEntity, { providerId: provider.providerId });
      emitOidcProviderEvent(emit, 'OidcProviderDeleted', provider, provider.version + 1);
    });
    return {};
  }
}
