import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { samlProviderBody } from '../saml-provider.model';
import { SamlProviderRepository } from '../saml-provider.repository';

@Injectable()
export class GetSamlProviderHandler implements ApiActionHandler {
  readonly product = 'Ims';
  readonly action = 'GetSAMLProvider';

  constructor(@Inject(SamlProviderRepository) private readonly providers: SamlProviderRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const provider = await this.providers.findByName(callerAccount(call), new ActionParams(call.params).required('SAMLProviderName'));
    if (!provider) throw RamErrors.samlProviderNotExist();
    return { SAMLProvider: samlProviderBody(provider, 'get') };
  }
}
