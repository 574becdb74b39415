import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Projection: a session issued, not revoked (by itself or its role's cut-off), not yet pruned. */
@Entity({ name: 'active_sessions' })
export class ActiveSessionEntity {
  @PrimaryColumn({ name: 'access_key_id', type: 'varchar', length: 64 })
  accessKeyId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 32 })
  accountId!: string;

  @Column({ name: 'role_id', type: 'varchar', length: 32 })
  roleId!: string;

  @Column({ name: 'role_name', type: 'varchar', length: 64 })
  roleName!: string;

  @Column({ name: 'role_arn', type: 'varchar', length: 200 })
  roleArn!: string;

  @Column({ name: 'role_session_name', type: 'varchar', length: 64 })
  roleSessionName!: string;

  @Column({ type: 'varchar', length: 32 })
  mechanism!: string;

  @Column({ name: 'caller_type', type: 'varchar', length: 32 })
  callerType!: string;

  @Column({ name: 'caller_arn', type: 'varchar', length: 300 })
  callerArn!: string;

  @Column({ name: 'source_identity', type: 'varchar', length: 64, nullable: true })
  sourceIdentity!: string | null;

  @Column({ name: 'session_policy', type: 'text', nullable: true })
  sessionPolicy!: string | null;

  /** ISO-8601 with milliseconds: compares correctly as text on both databases. */
  @Column({ name: 'issued_at', type: 'varchar', length: 30 })
  issuedAt!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt!: string;
}

/** Projection: sessions revoked one by one. */
@Entity({ name: 'session_revocations' })
export class SessionRevocationEntity {
  @PrimaryColumn({ name: 'access_key_id', type: 'varchar', length: 64 })
  accessKeyId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 32 })
  accountId!: string;

  @Column({ name: 'role_id', type: 'varchar', length: 32 })
  roleId!: string;

  @Column({ name: 'role_arn', type: 'varchar', length: 200 })
  roleArn!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30 })
  revokedAt!: string;
}

/** Projection: the role-wide cut-off in force per role. */
@Entity({ name: 'role_revocations' })
export class RoleRevocationEntity {
  @PrimaryColumn({ name: 'role_id', type: 'varchar', length: 32 })
  roleId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 32 })
  accountId!: string;

  @Column({ name: 'role_arn', type: 'varchar', length: 200 })
  roleArn!: string;

  @Column({ name: 'issued_before', type: 'varchar', length: 30 })
  issuedBefore!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30 })
  revokedAt!: string;
}
