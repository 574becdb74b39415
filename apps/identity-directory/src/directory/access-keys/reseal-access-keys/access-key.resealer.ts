import { Database, Emit, forUpdate, TransactionalOutbox } from '@opensts/platform';
import { KeyRing, parseSealedSecret, SealedSecret, SecretBox, SecretBoxError, SecretBoxFailure } from '@opensts/sts-core/crypto';
import { EntityManager, MoreThan } from 'typeorm';
import { AccountEntity } from '../../accounts/account.entity';
import { UserEntity } from '../../users/user.entity';
import { AccessKeyEntity } from '../access-key.entity';
import { accessKeyResealed, emitAccessKeyEvent } from '../access-key.events';
import type { KeyOwner } from '../access-key.repository';

export interface ResealCounts {
  /** Re-sealed secrets by the master key id they were sealed under before. */
  resealed: Record<string, number>;
  alreadyCurrent: number;
  /** Deleted between the scan and their batch: nothing left to re-seal. */
  vanished: number;
}

export interface ResealSummary extends ResealCounts {
  activeKeyId: string;
}

/** Some stored secret does not open with the ring: the job changed nothing. */
export class ResealRefusedError extends Error {
  override readonly name = 'ResealRefusedError';
}

const TRANSIENT = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '40P01', '40001']);
const ATTEMPTS = 5;

/**
 * Moves every AccessKey secret to the active master key (ADR 0010: rotate → reseal → retire).
 * `rewrap` re-wraps each secret's data key and leaves its ciphertext alone, so the secret itself
 * is never decrypted. Each batch commits the rows and their `AccessKeyResealed` events together;
 * rows not reached yet keep their old key id, which the ring still opens, so an interrupted run
 * leaves everything readable and a rerun continues where it stopped.
 */
export class AccessKeyResealer {
  private readonly box: SecretBox;

  constructor(private readonly ring: KeyRing, private readonly outbox: TransactionalOutbox) {
    this.box = new SecretBox(ring);
  }

  async run(options: { batchSize: number; onBatch?: (batch: number, counts: ResealCounts) => void }): Promise<ResealSummary> {
    await this.refuseUnopenable(options.batchSize);
    const summary: ResealSummary = { activeKeyId: this.ring.activeKeyId, resealed: {}, alreadyCurrent: 0, vanished: 0 };
    let batch = 0;
    for await (const page of this.pages(options.batchSize)) {
      const stale = page.filter((k) => !this.box.isSealedWithActiveKey(sealedOf(k)));
      summary.alreadyCurrent += page.length - stale.length;
      if (stale.length === 0) continue;
      const counts = await retryTransient(() => this.outbox.run((m, emit) => this.resealBatch(m, emit, stale)));
      for (const [kid, n] of Object.entries(counts.resealed)) summary.resealed[kid] = (summary.resealed[kid] ?? 0) + n;
      summary.alreadyCurrent += counts.alreadyCurrent;
      summary.vanished += counts.vanished;
      options.onBatch?.(++batch, counts);
    }
    return summary;
  }

  /** Before any change: every stored secret must unwrap with some key of the ring. */
  private async refuseUnopenable(batchSize: number): Promise<void> {
    const problems = new Map<string, { reason: SecretBoxFailure; kid: string; count: number; example: string }>();
    for await (const page of this.pages(batchSize)) {
      for (const k of page) {
        let kid = '?';
        try {
          const sealed = sealedOf(k);
          kid = sealed.kid;
          this.box.rewrap(sealed, k.accessKeyId);
        } catch (err) {
          const reason: SecretBoxFailure = err instanceof SecretBoxError ? err.reason : 'malformed';
          const p = problems.get(`${reason}/${kid}`) ?? { reason, kid, count: 0, example: k.accessKeyId };
          problems.set(`${reason}/${kid}`, { ...p, count: p.count + 1 });
        }
      }
    }
    if (problems.size === 0) return;
    const lines = [...problems.values()].map(({ reason, kid, count, example }) =>
      reason === 'unknown-key'
        ? `${count} secret(s) are sealed under master key id ${JSON.stringify(kid)}, which is not in the ring: add it to STS_MASTER_KEY (e.g. AccessKey ${example})`
        : reason === 'authentication-failed'
          ? `master key ${JSON.stringify(kid)} does not open the ${count} secret(s) sealed under that id: wrong key material? (e.g. AccessKey ${example})`
          : `${count} stored secret(s) are not a valid sealed secret (e.g. AccessKey ${example})`,
    );
    throw new ResealRefusedError(`reseal refused, nothing was changed:\n  ${lines.join('\n  ')}`);
  }

  /** Owners locked first, in a fixed order, as every other AccessKey write does: versions stay in step. */
  private async resealBatch(m: EntityManager, emit: Emit, stale: AccessKeyEntity[]): Promise<ResealCounts> {
    const counts: ResealCounts = { resealed: {}, alreadyCurrent: 0, vanished: 0 };
    const byOwner = new Map<string, AccessKeyEntity[]>();
    for (const k of stale) byOwner.set(ownerKey(k), [...(byOwner.get(ownerKey(k)) ?? []), k]);
    for (const [, keys] of [...byOwner].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const owner = await lockOwner(m, keys[0]);
      for (const { accessKeyId } of keys) {
        const key = owner && (await m.findOne(AccessKeyEntity, { where: { accessKeyId } }));
        if (!owner || !key) {
          counts.vanished++;
          continue;
        }
        const sealed = sealedOf(key);
        if (this.box.isSealedWithActiveKey(sealed)) {
          counts.alreadyCurrent++;
          continue;
        }
        const next: AccessKeyEntity = { ...key, sealedSecret: JSON.stringify(this.box.rewrap(sealed, accessKeyId)), version: key.version + 1 };
        await m.update(AccessKeyEntity, { accessKeyId }, { sealedSecret: next.sealedSecret, version: next.version });
        emitAccessKeyEvent(emit, accessKeyResealed(next, owner), next);
        counts.resealed[sealed.kid] = (counts.resealed[sealed.kid] ?? 0) + 1;
      }
    }
    return counts;
  }

  /** Keyset pages in AccessKeyId order, read outside any transaction. */
  private async *pages(batchSize: number): AsyncGenerator<AccessKeyEntity[]> {
    const db: Database = this.outbox.db;
    let after = '';
    for (;;) {
      const page = await db.manager.find(AccessKeyEntity, { where: { accessKeyId: MoreThan(after) }, order: { accessKeyId: 'ASC' }, take: batchSize });
      if (page.length > 0) yield page;
      if (page.length < batchSize) return;
      after = page[page.length - 1].accessKeyId;
    }
  }
}

function sealedOf(k: AccessKeyEntity): SealedSecret {
  try {
    return parseSealedSecret(JSON.parse(k.sealedSecret));
  } catch {
    throw new SecretBoxError('malformed');
  }
}

const ownerKey = (k: AccessKeyEntity) => `${k.ownerType}/${k.accountId}/${k.userId ?? ''}`;

async function lockOwner(m: EntityManager, k: AccessKeyEntity): Promise<KeyOwner | null> {
  if (k.ownerType === 'Account') {
    const account = await m.findOne(AccountEntity, { where: { accountId: k.accountId }, ...forUpdate(m) });
    return account && { type: 'Account', accountId: k.accountId };
  }
  const user = await m.findOne(UserEntity, { where: { accountId: k.accountId, userId: k.userId! }, ...forUpdate(m) });
  return user && { type: 'User', accountId: k.accountId, userId: user.userId, userName: user.userName };
}

/** A batch that lost a race with the running service (SQLite busy, PostgreSQL deadlock) is tried again. */
async function retryTransient<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const e = err as { code?: string; driverError?: { code?: string } } | null;
      if (attempt >= ATTEMPTS || !TRANSIENT.has(e?.driverError?.code ?? e?.code ?? '')) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}
