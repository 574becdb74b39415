import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@opensts/platform';
import { EntityManager } from 'typeorm';
import { ProviderRepository } from '../shared/provider.repository';
import { OidcProviderEntity } from './oidc-provider.entity';

@Injectable()
export class OidcProviderRepository extends ProviderRepository<OidcProviderEntity> {
  constructor(@Inject(Database) db: Database) {
    super(db, OidcProviderEntity);
  }

  /** IssuerUrl is unique within an account (federation.md B.1). */
  findByIssuer(accountId: string, issuerUrl: string, m: EntityManager = this.db.manager): Promise<OidcProviderEntity | null> {
    return m.findOne(OidcProviderEntity, { where: { accountId, issuerUrl } });
  }
}
