import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An event waiting to be published; written in the transaction of the state change it announces. */
@Entity({ name: 'outbox' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'event_id', type: 'varchar', length: 36, unique: true })
  eventId!: string;

  @Column({ type: 'varchar', length: 200 })
  topic!: string;

  @Column({ name: 'message_key', type: 'varchar', length: 300 })
  messageKey!: string;

  /** The JSON event envelope, exactly as it will be published. */
  @Column({ type: 'text' })
  envelope!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
