import { Inject, Injectable } from '@nestjs/common';
import { ActionBody, ActionCall, ActionParams } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { ApiActionHandler, callerAccount } from '@opensts/platform';
import { DIRECTORY_LIMITS, DirectoryLimits } from '../../../identity-directory.constants';
import { clientIdsOf, fingerprintsOf, oidcProviderBody } from '../oidc-provider.model';
import { checkClientId, normaliseFingerprint } from '../oidc-provider.rules';
import { OidcProviderUpdater } from '../oidc-provider.updater';

/** Add/Remove ClientId/Fingerprint: four one-item edits of a provider's lists, same shape each. */
abstract class OidcListEdit implements ApiActionHandler {
  readonly product = 'Ims';
  abstract readonly action: string;
  protected abstract readonly param: 'ClientId' | 'Fingerprint';

  constructor(
    @Inject(OidcProviderUpdater) private readonly updater: OidcProviderUpdater,
    @Inject(DIRECTORY_LIMITS) protected readonly limits: DirectoryLimits,
  ) {}

  protected abstract edit(values: { clientIds: string[]; fingerprints: string[] }, value: string): { clientIds?: string[]; fingerprints?: string[] };

  async execute(call: ActionCall): Promise<ActionBody> {
    const p = new ActionParams(call.params);
    const name = p.required('OIDCProviderName');
    const raw = p.required(this.param);
    const value = this.param === 'ClientId' ? checkClientId(raw) : normaliseFingerprint(raw);
    const updated = await this.updater.update(callerAccount(call), name, (current) => {
      const next = this.edit({ clientIds: clientIdsOf(current), fingerprints: fingerprintsOf(current) }, value);
      return {
        ...(next.clientIds ? { clientIds: JSON.stringify(next.clientIds) } : {}),
        ...(next.fingerprints ? { fingerprints: JSON.stringify(next.fingerprints) } : {}),
      };
    });
    return { OIDCProvider: oidcProviderBody(updated) };
  }
}

@Injectable()
export class AddClientIdToOidcProviderHandler extends OidcListEdit {
  readonly action = 'AddClientIdToOIDCProvider';
  protected readonly param = 'ClientId';
  protected edit({ clientIds }: { clientIds: string[] }, value: string) {
    if (clientIds.includes(value)) throw RamErrors.oidcClientIdExists();
    if (clientIds.length >= this.limits.clientIdsPerOidcProvider) throw RamErrors.oidcClientIdLimit();
    return { clientIds: [...clientIds, value] };
  }
}

@Injectable()
export class RemoveClientIdFromOidcProviderHandler extends OidcListEdit {
  readonly action = 'RemoveClientIdFromOIDCProvider';
  protected readonly param = 'ClientId';
  protected edit({ clientIds }: { clientIds: string[] }, value: string) {
    if (!clientIds.includes(value)) throw RamErrors.oidcClientIdNotExist();
    return { clientIds: clientIds.filter((c) => c !== value) };
  }
}

@Injectable()
export class AddFingerprintToOidcProviderHandler extends OidcListEdit {
  readonly action = 'AddFingerprintToOIDCProvider';
  protected readonly param = 'Fingerprint';
  protected edit({ fingerprints }: { fingerprints: string[] }, value: string) {
    if (fingerprints.includes(value)) throw RamErrors.oidcFingerprintExists();
    if (fingerprints.length >= this.limits.fingerprintsPerOidcProvider) throw RamErrors.oidcFingerprintLimit();
    return { fingerprints: [...fingerprints, value] };
  }
}

/** A provider keeps at least one fingerprint: without one no OIDC token could ever be trusted. */
@Injectable()
export class RemoveFingerprintFromOidcProviderHandler extends OidcListEdit {
  readonly action = 'RemoveFingerprintFromOIDCProvider';
  protected readonly param = 'Fingerprint';
  protected edit({ fingerprints }: { fingerprints: string[] }, value: string) {
    if (!fingerprints.includes(value)) throw RamErrors.oidcFingerprintNotExist();
    if (fingerprints.length === 1) throw RamErrors.invalid('Fingerprint');
    return { fingerprints: fingerprints.filter((f) => f !== value) };
  }
}
