import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, listBody, pageRequest, toPage } from '@opensts/platform';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { PROVIDER_PAGE_LIMITS } from '../../shared/provider.repository';
import { samlProviderBody } from '../saml-provider.model';
import { SamlProviderRepository } from '../saml-provider.repository';

@Injectable()
export class ListSamlProvidersHandler implements ApiActionHandler {
  readonly product = 'Ims';
  readonly action = 'ListSAMLProviders';

  constructor(@Inject(SamlProviderRepository) private readonly providers: SamlProviderRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const request = pageRequest(new ActionParams(call.params), PROVIDER_PAGE_LIMITS);
    const rows = await this.providers.page(callerAccount(call), request);
    return listBody('SAMLProviders', 'SAMLProvider', toPage(rows, request, (r) => r.nameKey), (r) => samlProviderBody(r, 'list'));
  }
}
