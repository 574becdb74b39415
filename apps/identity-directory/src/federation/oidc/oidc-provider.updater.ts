import { Inject, Injectable } from '@nestjs/common';
import { ramDate, TransactionalOutbox } from '@opensts/platform';
import { RamErrors } from '@opensts/sts-core/errors';
import { OidcProviderEntity } from './oidc-provider.entity';
import { emitOidcProviderEvent } from './oidc-provider.model';
import { OidcProviderRepository } from './oidc-provider.repository';

/**
 * Read-modify-write of one OIDC provider under a row lock: `change` sees the current record and
 * returns the fields to change (or throws the action's error); unchanged means no event.
 */
@Injectable()
export class OidcProviderUpdater {
  constructor(
    @Inject(OidcProviderRepository) private readonly providers: OidcProviderRepository,
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
  ) {}

  update(accountId: string, name: string, change: (current: OidcProviderEntity) => Partial<OidcProviderEntity>): Promise<OidcProviderEntity> {
    return this.outbox.run(async (m, emit) => {
      const provider = await this.providers.findByName(accountId, name, m, true);
      if (!provider) throw RamErrors.oidcProviderNotExist();
      const changes = change(provider);
      if (!(Object.keys(changes) as (keyof OidcProviderEntity)[]).some((k) => changes[k] !== provider[k])) return provider;
      const next: OidcProviderEntity = { ...provider, ...changes, updateDate: ramDate(), version: provider.version + 1 };
      await m.update(OidcProviderEntity, { providerId: provider.providerId }, next);
      emitOidcProviderEvent(emit, 'OidcProviderUpdated', next);
      return next;
    });
  }
}
