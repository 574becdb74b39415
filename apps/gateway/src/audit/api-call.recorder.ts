import { AsyncResource } from 'node:async_hooks';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { envelopeFor, TransactionalOutbox } from '@opensts/platform';
import { Topics, type ApiCallCompletedV1, type EventEnvelope, type GatewayEvent } from '@opensts/sts-core/events';
import type { AuditMode, GatewayOptions } from '../config/gateway-options';
import { GATEWAY_OPTIONS } from '../gateway.constants';

/** Successful calls of these actions change state, and the owning service records that as a domain event. */
const RECORDED_BY_SERVICE = /^(AssumeRole|Create|Update|Delete|Attach|Detach|Set|Add|Remove)/;
/** Successful calls whose event also names the caller (SessionIssued: the caller, or the provider that vouched). */
const ISSUANCE = /^AssumeRole/;

function wanted(mode: AuditMode, call: ApiCallCompletedV1): boolean {
  switch (mode) {
    case 'all':
      return true;
    case 'all-but-issuances':
      return call.httpStatus >= 400 || !ISSUANCE.test(call.action);
    case 'failures-and-reads':
      return call.httpStatus >= 400 || !RECORDED_BY_SERVICE.test(call.action);
    case 'failures':
      return call.httpStatus >= 400;
    case 'off':
      return false;
    default: {
      const never: never = mode;
      return never;
    }
  }
}

/** Events kept while the database refuses them, in batches; beyond that the oldest are dropped. */
const MAX_PENDING_BATCHES = 20;

/**
 * ApiCallCompleted for the audit trail, through the gateway's outbox: by default every call but a
 * successful AssumeRole* (refusals, failures, reads, and the RAM changes, whose domain events say
 * what changed but not who changed it from where). A row per request in its own
 * transaction would double the database work of an AssumeRole, so events are buffered and written
 * in one transaction per batch (at most `auditBatchSize`, at least every `auditFlushMs`). The
 * price: a crash loses the calls of the last flush interval (ADR 0009). The envelope is stamped
 * when the call completes, inside its request context, so it carries the RequestId and trace.
 */
@Injectable()
export class ApiCallRecorder implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(ApiCallRecorder.name);
  private pending: EventEnvelope[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private dropped = 0;
  private backingOff = false;
  /**
   * setTimeout in the context the recorder was made in (start-up), not in the request that
   * happened to arm it: a flush, its log lines and its database span belong to no caller.
   */
  private readonly arm = AsyncResource.bind((fn: () => void, ms: number): NodeJS.Timeout => setTimeout(fn, ms));

  constructor(
    @Inject(TransactionalOutbox) private readonly outbox: TransactionalOutbox,
    @Inject(GATEWAY_OPTIONS) private readonly options: Pick<GatewayOptions, 'auditApiCalls' | 'auditBatchSize' | 'auditFlushMs'>,
  ) {}

  record(call: ApiCallCompletedV1): void {
    if (!wanted(this.options.auditApiCalls, call)) return;
    const event: GatewayEvent = { type: 'ApiCallCompleted', schemaVersion: 1, payload: call };
    this.pending.push(envelopeFor(event, { aggregateType: 'ApiCall', aggregateId: call.requestId, accountId: call.accountId }));
    this.keepBounded();
    if (this.pending.length >= this.options.auditBatchSize) this.flushSoon(0);
    else this.flushSoon(this.options.auditFlushMs);
  }

  /** Writes everything buffered so far; resolves when it is in the outbox (or failed and was kept). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.writeBatches());
    return this.flushing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /**
   * Again once the HTTP servers have stopped (Nest: after `dispose`, before the gateway's database
   * closes): the calls that finished while they drained are recorded too.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
    clearTimeout(this.timer);
  }

  private flushSoon(delayMs: number): void {
    if (this.timer) {
      if (delayMs > 0 || this.backingOff) return;
      clearTimeout(this.timer);
    }
    this.timer = this.arm(() => void this.flush(), delayMs);
    this.timer.unref();
  }

  private async writeBatches(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.auditBatchSize);
      try {
        await this.outbox.run(async (_m, emit) => batch.forEach((e) => emit(Topics.gateway, e)));
        this.backingOff = false;
        if (this.dropped > 0) {
          this.logger.warn(`ApiCallCompleted written again; ${this.dropped} were dropped while the database refused them`);
          this.dropped = 0;
        }
      } catch (err) {
        this.backingOff = true;
        this.pending = batch.concat(this.pending);
        this.keepBounded();
        this.logger.warn(`ApiCallCompleted batch not written (${this.pending.length} pending, ${this.dropped} dropped): ${(err as Error).message}`);
        this.timer = this.arm(() => void this.flush(), Math.max(this.options.auditFlushMs, 1_000));
        this.timer.unref();
        return;
      }
    }
  }

  private keepBounded(): void {
    const max = this.options.auditBatchSize * MAX_PENDING_BATCHES;
    if (this.pending.length <= max) return;
    this.dropped += this.pending.length - max;
    this.pending.splice(0, this.pending.length - max);
  }
}
