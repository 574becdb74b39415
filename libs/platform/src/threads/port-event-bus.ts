import type { DeliveredMessage, OutgoingMessage, Subscription } from '@opensts/sts-core/events';
import { InProcessEventBus } from '../bus/in-process-event-bus';
import type { PortChannel } from './port-channel';

const PUBLISH = 'bus.publish';

/**
 * The in-process bus of one thread of embedded mode, joined to the other thread's (ADR 0013):
 * a published batch goes to this thread's subscriptions and, over the PortChannel, to the
 * other's, and resolves only when both handled it, so a relay keeps its rows until every
 * consumer of both threads has them, as InProcessEventBus does for one thread.
 *
 * Each side learns the topics the other subscribes to before anything is published across:
 * the services thread from its workerData, the main thread from the services thread's hand-shake
 * (`connect`). A publish with messages for the other side waits for that.
 */
export class PortEventBus extends InProcessEventBus {
  private readonly subscribedTopics = new Set<string>();
  private remoteTopics?: ReadonlySet<string>;
  private connected!: () => void;
  private readonly connection = new Promise<void>((resolve) => (this.connected = resolve));

  /** The topics this thread's consumers read; the other thread needs them before it publishes. */
  localTopics(): string[] {
    return [...this.subscribedTopics];
  }

  /** Delivers what the other thread publishes from now on; publishes across only after `connect`. */
  constructor(private readonly channel: PortChannel) {
    super();
    channel.handle<DeliveredMessage[], void>(PUBLISH, (messages) => this.deliverLocally(messages));
  }

  /** The topics the other thread's consumers read (its `localTopics()`). */
  connect(remoteTopics: readonly string[]): void {
    this.remoteTopics = new Set(remoteTopics);
    this.connected();
  }

  override async subscribe(subscription: Subscription): Promise<void> {
    await super.subscribe(subscription);
    for (const t of subscription.topics) this.subscribedTopics.add(t);
  }

  override async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (!this.remoteTopics) await this.connection;
    const across: DeliveredMessage[] = [];
    for (const m of messages) if (this.remoteTopics!.has(m.topic)) across.push({ topic: m.topic, envelope: m.envelope });
    if (across.length === 0) return super.publish(messages);
    await Promise.all([super.publish(messages), this.channel.request<void>(PUBLISH, across)]);
  }

  private deliverLocally(messages: DeliveredMessage[]): Promise<void> {
    return super.publish(messages.map((m) => ({ topic: m.topic, key: '', envelope: m.envelope })));
  }
}
