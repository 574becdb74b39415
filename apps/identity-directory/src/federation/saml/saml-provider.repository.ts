import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@opensts/platform';
import { ProviderRepository } from '../shared/provider.repository';
import { SamlProviderEntity } from './saml-provider.entity';

@Injectable()
export class SamlProviderRepository extends ProviderRepository<SamlProviderEntity> {
  constructor(@Inject(Database) db: Database) {
    super(db, SamlProviderEntity);
  }
}
