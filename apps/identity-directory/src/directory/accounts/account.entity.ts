import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant: everything in the directory belongs to exactly one account. */
@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 20 })
  accountId!: string;

  @Column({ name: 'create_date', type: 'varchar', length: 20 })
  createDate!: string;

  @Column({ type: 'integer' })
  version!: number;
}

/** The single row written with the first account; its primary key serialises concurrent bootstraps. */
@Entity({ name: 'directory_bootstrap' })
export class BootstrapMarkerEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  marker!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 20 })
  accountId!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 20 })
  createdAt!: string;
}
