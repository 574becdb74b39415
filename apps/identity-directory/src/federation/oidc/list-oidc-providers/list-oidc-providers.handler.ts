import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams, listBody, pageRequest, toPage } from '@opensts/platform';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { PROVIDER_PAGE_LIMITS } from '../../shared/provider.repository';
import { oidcProviderBody } from '../oidc-provider.model';
import { OidcProviderRepository } from '../oidc-provider.repository';

@Injectable()
export class ListOidcProvidersHandler implements ApiActionHandler {
  readonly product = 'Ims';
  readonly action = 'ListOIDCProviders';

  constructor(@Inject(OidcProviderRepository) private readonly providers: OidcProviderRepository) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const request = pageRequest(new ActionParams(call.params), PROVIDER_PAGE_LIMITS);
    const rows = await this.providers.page(callerAccount(call), request);
    return listBody('OIDCProviders', 'OIDCProvider', toPage(rows, request, (r) => r.nameKey), oidcProviderBody);
  }
}
