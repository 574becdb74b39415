import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Inbox of a consumer: an event id recorded here was applied, in the same transaction as its effect. */
@Entity({ name: 'processed_events' })
export class ProcessedEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  consumer!: string;

  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ name: 'processed_at', type: 'varchar', length: 30 })
  processedAt!: string;
}
