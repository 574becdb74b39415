import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row of the append-only event store (written with raw SQL by EventStore, never updated). */
@Entity({ name: 'events' })
export class StoredEventEntity {
  /** Global order; bigint, so PostgreSQL hands it back as a string. */
  @PrimaryColumn({ type: 'bigint' })
  position!: string;

  @Column({ name: 'stream_id', type: 'varchar', length: 200 })
  streamId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 100 })
  eventType!: string;

  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion!: number;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'text' })
  metadata!: string;

  @Column({ name: 'occurred_at', type: 'varchar', length: 30 })
  occurredAt!: string;
}
