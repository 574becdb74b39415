import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { oidcProviderBody } from '../oidc-provider.model';
import { OidcProviderRepository } from '../oidc-provider.repository';

@Injectable()
export class GetOidcProviderHandler implements ApiActionHandler {
  readonly product = 'Ims';
  readonly action = 'GetOIDCProvider';

  constructor(@Inject(OidcProviderRepository) private readonly providers: OidcProviderRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const provider = await this.providers.findByName(callerAccount(call), new ActionParams(call.params).required('OIDCProviderName'));
    if (!provider) throw RamErrors.oidcProviderNotExist();
    return { OIDCProvider: oidcProviderBody(provider) };
  }
}
