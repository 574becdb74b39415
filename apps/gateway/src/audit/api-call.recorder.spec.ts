import { Logger } from '@nestjs/common';
import type { Emit, TransactionalOutbox } from '@opensts/platform';
import { RequestContextStore } from '@opensts/platform';
import type { ApiCallCompletedV1, EventEnvelope } from '@opensts/sts-core/events';
import { loadConfig } from '@opensts/platform';
import { loadGatewayOptions } from '../config/gateway-options';
import { ApiCallRecorder } from './api-call.recorder';

const call = (requestId: string, httpStatus = 200): ApiCallCompletedV1 => ({
  requestId, action: 'AssumeRole', version: '2015-04-01', product: 'Sts', accountId: '1234567890123456', sourceIp: '10.0.0.1', httpStatus, durationMs: 1,
});

/** An outbox that records each transaction's emitted events, or fails while `failing`. */
function fakeOutbox() {
  const transactions: { topic: string; envelope: EventEnvelope }[][] = [];
  const state = { failing: false };
  const outbox = {
    run: async (work: (m: unknown, emit: Emit) => Promise<unknown>) => {
      if (state.failing) throw new Error('database is down');
      const emitted: { topic: string; envelope: EventEnvelope }[] = [];
      await work({}, (topic, envelope) => emitted.push({ topic, envelope }));
      transactions.push(emitted);
    },
  } as unknown as TransactionalOutbox;
  return { outbox, transactions, state };
}

describe(ApiCallRecorder.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('writes buffered calls in one outbox transaction per batch, on the gateway topic', async () => {
    const { outbox, transactions } = fakeOutbox();
    const sut = new ApiCallRecorder(outbox, { auditApiCalls: 'all', auditBatchSize: 3, auditFlushMs: 10_000 });
    for (let i = 0; i < 7; i++) sut.record(call(`R${i}`));
    await sut.flush();
    expect(transactions.map((t) => t.length)).toEqual([3, 3, 1]);
    expect(transactions[0][0]).toMatchObject({ topic: 'opensts.gateway.events.v1', envelope: { type: 'ApiCallCompleted', schemaVersion: 1, aggregateType: 'ApiCall', aggregateId: 'R0', accountId: '1234567890123456' } });
  });

  it('flushes on its own after the flush interval', async () => {
    const { outbox, transactions } = fakeOutbox();
    const sut = new ApiCallRecorder(outbox, { auditApiCalls: 'all', auditBatchSize: 100, auditFlushMs: 5 });
    sut.record(call('R1'));
    await new Promise((r) => setTimeout(r, 50));
    expect(transactions).toHaveLength(1);
  });

  it('stamps the RequestId of the request context the call completed in', async () => {
    const { outbox, transactions } = fakeOutbox();
    const sut = new ApiCallRecorder(outbox, { auditApiCalls: 'all', auditBatchSize: 100, auditFlushMs: 10_000 });
    RequestContextStore.run({ requestId: 'CTX-REQ' }, () => sut.record(call('CTX-REQ')));
    await sut.flush();
    expect(transactions[0][0].envelope.requestId).toBe('CTX-REQ');
  });

  it('by default skips only a successful AssumeRole*, whose SessionIssued names its caller, and keeps the RAM changes, whose events do not', async () => {
    const { outbox, transactions } = fakeOutbox();
    const sut = new ApiCallRecorder(outbox, { auditApiCalls: loadGatewayOptions(loadConfig({}), {}).auditApiCalls, auditBatchSize: 100, auditFlushMs: 10_000 });
    sut.record(call('assumed', 200));
    sut.record({ ...call('saml', 200), action: 'AssumeRoleWithSAML' });
    sut.record({ ...call('created', 200), action: 'CreateUser', product: 'Ram' });
    sut.record(call('refused', 400));
    sut.record({ ...call('read', 200), action: 'GetCallerIdentity' });
    await sut.flush();
    expect(transactions.flat().map((e) => e.envelope.aggregateId)).toEqual(['created', 'refused', 'read']);
  });

  it('in `failures-and-reads` skips every successful change the owning service records itself', async () => {
    const { outbox, transactions } = fakeOutbox();
    const sut = new ApiCallRecorder(outbox, { auditApiCalls: 'failures-and-reads', auditBatchSize: 100, auditFlushMs: 10_000 });
    sut.record(call('assumed', 200));
    sut.record({ ...call('created', 200), action: 'CreateUser', product: 'Ram' });
    sut.record(call('refused', 400));
    sut.record({ ...call('read', 200), action: 'GetCallerIdentity' });
    sut.record({ ...call('listed', 200), action: 'ListUsers', product: 'Ram' });
    await sut.flush();
    expect(transactions.flat().map((e) => e.envelope.aggregateId)).toEqual(['refused', 'read', 'listed']);
  });

  it('records only failed calls in `failures` mode and nothing when `off`', async () => {
    const errorsOnly = fakeOutbox();
    const sut = new ApiCallRecorder(errorsOnly.outbox, { auditApiCalls: 'failures', auditBatchSize: 100, auditFlushMs: 10_000 });
    sut.record({ ...call('ok', 200), action: 'GetUser' });
    sut.record(call('bad', 403));
    await sut.flush();
    expect(errorsOnly.transactions.flat().map((e) => e.envelope.aggregateId)).toEqual(['bad']);
    const off = fakeOutbox();
    const quiet = new ApiCallRecorder(off.outbox, { auditApiCalls: 'off', auditBatchSize: 100, auditFlushMs: 10_000 });
    quiet.record(call('bad', 500));
    await quiet.flush();
    expect(off.transactions).toHaveLength(0);
  });

  it('keeps calls while the database refuses them and writes them once it is back, in order', async () => {
    const { outbox, transactions, state } = fakeOutbox();
    const sut = new ApiCallRecorder(outbox, { auditApiCalls: 'all', auditBatchSize: 2, auditFlushMs: 10_000 });
    state.failing = true;
    for (let i = 0; i < 3; i++) sut.record(call(`R${i}`));
    await sut.flush();
    expect(transactions).toHaveLength(0);
    state.failing = false;
    await sut.flush();
    expect(transactions.flat().map((e) => e.envelope.aggregateId)).toEqual(['R0', 'R1', 'R2']);
  });

  it('drops the oldest calls beyond 20 batches while the database is down', async () => {
    const { outbox, transactions, state } = fakeOutbox();
    const sut = new ApiCallRecorder(outbox, { auditApiCalls: 'all', auditBatchSize: 1, auditFlushMs: 10_000 });
    state.failing = true;
    for (let i = 0; i < 25; i++) sut.record(call(`R${i}`));
    state.failing = false;
    await sut.flush();
    const written = transactions.flat().map((e) => e.envelope.aggregateId);
    expect(written).toHaveLength(20);
    expect(written[0]).toBe('R5');
  });

  it('says how many calls it dropped once the database takes them again', async () => {
    const { outbox, state } = fakeOutbox();
    const sut = new ApiCallRecorder(outbox, { auditApiCalls: 'all', auditBatchSize: 1, auditFlushMs: 10_000 });
    const warned: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warned.push(String(message)));
    try {
      state.failing = true;
      for (let i = 0; i < 25; i++) sut.record(call(`R${i}`));
      await sut.flush();
      state.failing = false;
      await sut.flush();
      expect(warned.at(-1)).toMatch(/written again; 5 were dropped/);
    } finally {
      spy.mockRestore();
    }
  });

  it('flushes outside the request that armed the timer: its log lines carry no caller’s RequestId', async () => {
    const { outbox, state } = fakeOutbox();
    const sut = new ApiCallRecorder(outbox, { auditApiCalls: 'all', auditBatchSize: 100, auditFlushMs: 5 });
    const warnedIn: (string | undefined)[] = [];
    const spy = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => void warnedIn.push(RequestContextStore.current()?.requestId ?? 'none'));
    try {
      state.failing = true;
      RequestContextStore.run({ requestId: 'REQ-A' }, () => sut.record(call('REQ-A')));
      await new Promise((r) => setTimeout(r, 50));
      expect(warnedIn).toEqual(['none']);
    } finally {
      spy.mockRestore();
      state.failing = false;
      await sut.flush();
    }
  });
});
