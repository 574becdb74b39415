import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'saml_providers' })
export class SamlProviderEntity {
  /** Internal id (UUIDv7): the aggregate id of the provider's events. */
  @PrimaryColumn({ name: 'provider_id', type: 'varchar', length: 36 })
  providerId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 20 })
  accountId!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ name: 'name_key', type: 'varchar', length: 128 })
  nameKey!: string;

  @Column({ type: 'varchar', length: 256, nullable: true })
  description!: string | null;

  @Column({ name: 'authn_sign_algo', type: 'varchar', length: 16 })
  authnSignAlgo!: string;

  @Column({ name: 'encoded_metadata', type: 'text' })
  encodedMetadata!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 1024 })
  entityId!: string;

  /** JSON array of PEM certificates parsed from the metadata. */
  @Column({ name: 'signing_certificates', type: 'text' })
  signingCertificates!: string;

  @Column({ name: 'create_date', type: 'varchar', length: 20 })
  createDate!: string;

  @Column({ name: 'update_date', type: 'varchar', length: 20 })
  updateDate!: string;

  @Column({ type: 'integer' })
  version!: number;
}
