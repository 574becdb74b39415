import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The durable copy of the access view in the host service's database (one row per record,
 * tombstones included). Loaded into memory at start; Kafka replays the rest.
 */
@Entity({ name: 'access_view' })
export class AccessViewEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind!: string;

  @PrimaryColumn({ type: 'varchar', length: 400 })
  key!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 32, nullable: true })
  accountId!: string | null;

  @Column({ name: 'agg_version', type: 'integer' })
  aggVersion!: number;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  /** The aggregate `aggVersion` counts in; a name-keyed record may pass to a new one (ChangeMarker). */
  @Column({ name: 'aggregate_id', type: 'varchar', length: 200, nullable: true })
  aggregateId!: string | null;

  @Column({ type: 'boolean' })
  deleted!: boolean;

  @Column({ type: 'text' })
  data!: string;
}
