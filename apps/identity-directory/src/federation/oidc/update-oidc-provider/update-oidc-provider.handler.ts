import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { DIRECTORY_LIMITS, DirectoryLimits } from '../../../identity-directory.constants';
import { providerDescription } from '../../saml/saml-provider.rules';
import { OidcProviderEntity } from '../oidc-provider.entity';
import { oidcProviderBody } from '../oidc-provider.model';
import { ISSUANCE_LIMIT_TIME, parseClientIds } from '../oidc-provider.rules';
import { OidcProviderUpdater } from '../oidc-provider.updater';

/** IssuerUrl is immutable; `ClientIds` replaces the whole list. */
@Injectable()
export class UpdateOidcProviderHandler implements ApiActionHandler {
  readonly product = 'Ims';
  readonly action = 'UpdateOIDCProvider';

  constructor(
    @Inject(OidcProviderUpdater) private readonly updater: OidcProviderUpdater,
    @Inject(DIRECTORY_LIMITS) private readonly limits: DirectoryLimits,
  ) {}

  async execute(call: ActionCall): Promise<ActionBody> {
    const p = new ActionParams(call.params);
    const name = p.required('OIDCProviderName');
    const limitTime = p.int('IssuanceLimitTime', ISSUANCE_LIMIT_TIME);
    const changes: Partial<OidcProviderEntity> = {
      ...(p.has('ClientIds') ? { clientIds: JSON.stringify(parseClientIds(p.optional('ClientIds'), this.limits.clientIdsPerOidcProvider)) } : {}),
      ...(limitTime !== undefined ? { issuanceLimitTime: limitTime } : {}),
      ...(p.has('NewDescription') ? { description: providerDescription('NewDescription', p.optional('NewDescription')) } : {}),
    };
    const updated = await this.updater.update(callerAccount(call), name, () => changes);
    return { OIDCProvider: oidcProviderBody(updated) };
  }
}
