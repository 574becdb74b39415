import * as http from 'node:http';
import { context, SpanKind } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { httpInstrumentation } from '@opensts/platform/telemetry';
import { signV1, toQueryString } from '@opensts/sts-core/signing';
import { startGatewayTestApp, type GatewayTestApp } from '../../test/gateway-test.app';
import { ALICE, ROOT_KEY } from '../../test/directory.fixtures';

const signed = (params: Record<string, string>, creds: { accessKeyId: string; accessKeySecret: string }) =>
  toQueryString(signV1({ method: 'GET', params: { Version: '2015-04-01', Format: 'JSON', ...params }, credentials: creds }));

/** The RequestId a client sees is the one in the HTTP server span and in every log line of its request. */
describe('gateway observability (trace and logs carry the RequestId)', () => {
  const exporter = new InMemorySpanExporter();
  const instrumentation = httpInstrumentation();
  const definition = instrumentation.getModuleDefinitions().find((d) => d.name === 'http')!;
  const logLines: Record<string, unknown>[] = [];
  const contextManager = new AsyncLocalStorageContextManager();
  let t: GatewayTestApp;

  beforeAll(async () => {
    context.setGlobalContextManager(contextManager.enable());
    instrumentation.setTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    // what loading `http` after startTelemetry does in a real process (jest bypasses the require hook)
    definition.patch!(http, process.versions.node);
    const logs = { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) };
    t = await startGatewayTestApp({ env: { STS_LOG_LEVEL: 'info' }, logs, overrides: { https: false } });
  });

  afterAll(async () => {
    await t?.close();
    definition.unpatch!(http, process.versions.node);
    context.disable();
  });

  const serverSpanOf = (requestId: string) =>
    exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.attributes['acs.request_id'] === requestId);

  it('puts the RequestId, the action and the error code on the HTTP server span', async () => {
    const ok = await fetch(`http://${t.httpHost}/?${signed({ Action: 'GetCallerIdentity' }, ALICE)}`);
    const okId = ok.headers.get('x-acs-request-id')!;
    const refused = await fetch(`http://${t.httpHost}/?${signed({ Action: 'GetCallerIdentity' }, { ...ALICE, accessKeySecret: 'wrong' })}`);
    const refusedId = ((await refused.json()) as { RequestId: string }).RequestId;
    expect(serverSpanOf(okId)?.attributes).toMatchObject({ 'rpc.method': 'GetCallerIdentity' });
    expect(serverSpanOf(okId)?.attributes['acs.error_code']).toBeUndefined();
    expect(serverSpanOf(refusedId)?.attributes).toMatchObject({ 'rpc.method': 'GetCallerIdentity', 'acs.error_code': 'SignatureDoesNotMatch' });
  });

  it('logs an unexpected failure server-side with the RequestId the client got, and nothing of it to the client', async () => {
    const res = await fetch(`http://${t.httpHost}/?${signed({ Action: 'DeleteUser', Version: '2015-05-01', UserName: 'x' }, ROOT_KEY)}`);
    const body = (await res.json()) as { RequestId: string; Message: string };
    expect(res.status).toBe(500);
    const line = logLines.find((l) => l.level === 50 && l.requestId === body.RequestId);
    expect(String(line?.msg)).toContain('database on fire');
    expect(body.Message).not.toContain('fire');
  });
});
