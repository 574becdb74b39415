import { Logger } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { SpanKind, context as otelContext, propagation, trace } from '@opentelemetry/api';
import type { Admin, Kafka, Producer, IHeaders } from 'kafkajs';
import { ALL_TOPICS } from '@opensts/sts-core/events';
import { contextFromHeaders, spansRecorded, tracer } from '../telemetry/trace-context';
import { assertSubscription, EventBus, OutgoingMessage, Subscription } from '@opensts/sts-core/events';
import { EventBusServerKafka } from './event-bus-server.kafka';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  partitions?: number;
  /** Prefix of every topic and group name (KAFKA_NAMESPACE). */
  namespace?: string;
  /** Replicas of each topic this bus creates (KAFKA_REPLICATION_FACTOR; default 1, a single broker). */
  replicationFactor?: number;
}

/**
 * How a topic the bus creates is replicated. With several replicas an acknowledged produce
 * (`acks=all`) is on two of them (`min.insync.replicas`), so one broker lost loses no event the
 * relays have already deleted from their outbox; with one, an acknowledgement is only that
 * broker's page cache (a single-broker development set-up).
 */
export function topicReplication(replicationFactor = 1): { replicationFactor: number; configEntries: { name: string; value: string }[] } {
  const configEntries = replicationFactor > 1 ? [{ name: 'min.insync.replicas', value: String(Math.min(2, replicationFactor)) }] : [];
  return { replicationFactor, configEntries };
}

/**
 * At most this many bytes of messages per produce request: half of Kafka's default
 * `message.max.bytes` (1 MB), which a record batch — all of a request's messages for one
 * partition — must not exceed. A single larger message still goes alone.
 */
const MAX_REQUEST_BYTES = 512 * 1024;

/** Consecutive runs of `items` of at most MAX_REQUEST_BYTES each (key, value and headers counted). */
export function chunksOf<T extends { message: { key: string; value: string; headers: Record<string, unknown> } }>(items: T[], maxBytes = MAX_REQUEST_BYTES): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(item.message.value) + Buffer.byteLength(item.message.key) + 200; // headers: ids, type, traceparent
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      [current, bytes] = [[], 0];
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A gathering consumer's fetch returns once this much is there (or after its gatherMs): ~250 SessionIssued. */
const GATHER_BYTES = 256 * 1024;
/**
 * Distributed-mode bus over kafkajs, through @nestjs/microservices: ClientKafka produces
 * (idempotent, acks=all) and one Nest Kafka server per subscription consumes in its group
 * (EventBusServerKafka). Offsets are committed only after the handler resolved; a handler
 * failure leaves them unresolved so the messages are delivered again.
 */
export class KafkaEventBus extends EventBus {
  private readonly logger = new Logger(KafkaEventBus.name);
  private readonly client: ClientKafka;
  private producer?: Producer;
  private readonly servers: EventBusServerKafka[] = [];
  /** Groups that must reach these offsets (topic → partition → high watermark at subscription) before the bus is ready. */
  private readonly catchingUp: { groupId: string; targets: Map<string, Map<number, number>> }[] = [];
  private readonly pending: Subscription[] = [];
  private started = false;

  private readonly ns: string;

  constructor(private readonly options: KafkaBusOptions) {
    super();
    this.ns = options.namespace ?? '';
    this.client = new ClientKafka({
      client: { clientId: options.clientId, brokers: options.brokers, logLevel: 1 },
      producer: { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false },
      producerOnlyMode: true,
      postfixId: '',
    });
  }

  async start(): Promise<void> {
    this.producer = await this.client.connect();
    await this.ensureTopicsPatiently(this.client.unwrap<Kafka>());
    this.started = true;
    for (const sub of this.pending.splice(0)) await this.listen(sub);
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all(this.servers.splice(0).map((s) => s.close()));
    await this.client.close();
  }

  async isReady(): Promise<boolean> {
    // a consumer kafkajs stopped for good applies nothing any more (EventBusServerKafka.crashed)
    if (!this.started || this.servers.some((s) => s.crashed)) return false;
    const admin = this.client.unwrap<Kafka>().admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      // a group that has caught up stays so: what arrives later is the normal lag
      for (const pending of [...this.catchingUp]) {
        if (!(await this.caughtUp(admin, pending))) return false;
        const at = this.catchingUp.indexOf(pending); // another probe may have removed it meanwhile
        if (at >= 0) this.catchingUp.splice(at, 1);
      }
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (!this.producer) throw new Error('Kafka bus not started');
    if (messages.length === 0) return;
    // one producer span per message, child of the request that caused the event (ADR 0004); when
    // no span is recorded the headers carry the request's own context
    const recorded = spansRecorded();
    const spans = messages.map((m) =>
      recorded
        ? tracer.startSpan(`${m.topic} publish`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': m.topic } }, contextFromHeaders(m.envelope))
        : undefined,
    );
    const outgoing = messages.map((m, i) => {
      const headers: Record<string, string> = {
        'event-id': m.envelope.eventId,
        'event-type': m.envelope.type,
        'schema-version': String(m.envelope.schemaVersion),
        'content-type': 'application/json',
      };
      const span = spans[i];
      propagation.inject(span ? trace.setSpan(otelContext.active(), span) : contextFromHeaders(m.envelope), headers);
      return { topic: this.ns + m.topic, message: { key: m.key, value: JSON.stringify(m.envelope), headers } };
    });
    try {
      // in order, in requests the broker accepts: all of one key's messages in one request would
      // make one record batch, refused whole (MESSAGE_TOO_LARGE, not retriable) past message.max.bytes
      for (const chunk of chunksOf(outgoing)) {
        const byTopic = new Map<string, { key: string; value: string; headers: IHeaders }[]>();
        for (const { topic, message } of chunk) {
          const list = byTopic.get(topic) ?? [];
          list.push(message);
          byTopic.set(topic, list);
        }
        await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
      }
    } finally {
      spans.forEach((s) => s?.end());
    }
  }

  async subscribe(subscription: Subscription): Promise<void> {
    assertSubscription(subscription);
    if (this.started) await this.listen(subscription);
    else this.pending.push(subscription);
  }

  private async listen(sub: Subscription): Promise<void> {
    if (sub.readyWhenCaughtUp) this.catchingUp.push({ groupId: this.ns + sub.group, targets: await this.endOffsets(sub.topics) });
    const server = new EventBusServerKafka(
      {
        client: { clientId: `${this.options.clientId}-${sub.group}`, brokers: this.options.brokers, logLevel: 1 },
        consumer: {
          groupId: this.ns + sub.group,
          sessionTimeout: 10_000,
          heartbeatInterval: 1_000,
          retry: { retries: 1_000_000, initialRetryTime: 200, maxRetryTime: 5_000 },
          ...(sub.gatherMs ? { minBytes: GATHER_BYTES, maxWaitTimeInMs: sub.gatherMs } : {}),
        },
        postfixId: '',
      },
      sub,
      this.ns,
    );
    await new Promise<void>((resolve, reject) => server.listen((err?: unknown) => (err ? reject(err) : resolve())));
    this.servers.push(server);
  }

  /** Per topic, the partitions that hold messages and the offset after their last one. */
  private async endOffsets(topics: readonly string[]): Promise<Map<string, Map<number, number>>> {
    const admin = this.client.unwrap<Kafka>().admin();
    await admin.connect();
    try {
      const targets = new Map<string, Map<number, number>>();
      for (const topic of topics) {
        const partitions = await admin.fetchTopicOffsets(this.ns + topic);
        targets.set(this.ns + topic, new Map(partitions.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)])));
      }
      return targets;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Whether the group's committed offsets (kafkajs commits every 500 ms) reached the targets. */
  private async caughtUp(admin: Admin, pending: { groupId: string; targets: Map<string, Map<number, number>> }): Promise<boolean> {
    const committed = await admin.fetchOffsets({ groupId: pending.groupId, topics: [...pending.targets.keys()] });
    for (const { topic, partitions } of committed) {
      const targets = pending.targets.get(topic);
      for (const { partition, offset } of partitions) if (Number(offset) < (targets?.get(partition) ?? -1)) return false;
    }
    return true;
  }

  /**
   * A broker that has just started answers for a few seconds with "coordinator is loading" or
   * "does not host this topic-partition" while it creates the topics it was asked for: the
   * processes of a deployment started together with Kafka must wait that out, not exit.
   */
  private async ensureTopicsPatiently(kafka: Kafka, attempts = 20): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ensureTopics(kafka);
      } catch (err) {
        if (attempt >= attempts) throw err;
        this.logger.warn(`topics not ready yet (attempt ${attempt} of ${attempts}): ${err instanceof Error ? err.message : String(err)}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 2_000)));
      }
    }
  }

  private async ensureTopics(kafka: Kafka): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = ALL_TOPICS.map((t: string) => this.ns + t).filter((t) => !existing.has(t));
      if (missing.length > 0) {
        // another process may create them at the same moment: only a topic still missing is an error
        await admin
          .createTopics({ waitForLeaders: true, topics: missing.map((topic: string) => ({ topic, numPartitions: this.options.partitions ?? 3, ...topicReplication(this.options.replicationFactor) })) })
          .catch(async (err: Error) => {
            const now = new Set(await admin.listTopics());
            if (missing.some((t) => !now.has(t))) throw err;
          });
      }
    } finally {
      await admin.disconnect();
    }
  }
}
