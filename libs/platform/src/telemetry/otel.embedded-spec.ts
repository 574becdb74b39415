import type { AddressInfo } from 'node:net';
import * as http from 'node:http';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { httpInstrumentation } from './otel';

describe(httpInstrumentation.name, () => {
  it('keeps no SecurityToken, assertion or OIDC token of the query string in server spans (V1 and anonymous calls carry them there)', async () => {
    const exporter = new InMemorySpanExporter();
    const sut = httpInstrumentation();
    sut.setTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    // what loading `http` after startTelemetry does in a real process (jest bypasses the require hook)
    const definition = sut.getModuleDefinitions().find((d) => d.name === 'http')!;
    definition.patch!(http, process.versions.node);
    try {
      const server = http.createServer((_req, res) => res.end('ok'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const query = 'Action=GetCallerIdentity&SecurityToken=S3CRET-TOKEN&SAMLAssertion=S3CRET-SAML&OIDCToken=S3CRET-OIDC&Signature=S3CRET-SIG&RoleSessionName=visible';
      await new Promise<void>((resolve, reject) => http.get(`http://127.0.0.1:${port}/?${query}`, (res) => res.resume().on('end', resolve)).on('error', reject));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    } finally {
      definition.unpatch!(http, process.versions.node);
    }

    const attributes = JSON.stringify(exporter.getFinishedSpans().map((s) => s.attributes));
    expect(attributes).toContain('RoleSessionName=visible');
    expect(attributes).not.toContain('S3CRET');
  });
});
