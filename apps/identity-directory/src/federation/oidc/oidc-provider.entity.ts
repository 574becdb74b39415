import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'oidc_providers' })
export class OidcProviderEntity {
  /** Internal id (UUIDv7): the aggregate id of the provider's events. */
  @PrimaryColumn({ name: 'provider_id', type: 'varchar', length: 36 })
  providerId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 20 })
  accountId!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ name: 'name_key', type: 'varchar', length: 128 })
  nameKey!: string;

  @Column({ name: 'issuer_url', type: 'varchar', length: 255 })
  issuerUrl!: string;

  /** JSON array of lower-case hex SHA-1 thumbprints. */
  @Column({ type: 'text' })
  fingerprints!: string;

  /** JSON array of client ids (allowed audiences). */
  @Column({ name: 'client_ids', type: 'text' })
  clientIds!: string;

  @Column({ name: 'issuance_limit_time', type: 'integer' })
  issuanceLimitTime!: number;

  @Column({ type: 'varchar', length: 256, nullable: true })
  description!: string | null;

  @Column({ name: 'create_date', type: 'varchar', length: 20 })
  createDate!: string;

  @Column({ name: 'update_date', type: 'varchar', length: 20 })
  updateDate!: string;

  @Column({ type: 'integer' })
  version!: number;
}
