/**
 * The gateway in embedded mode (SQLite, in-process bus) with the test composition's stand-in
 * services: AssumeRole issues a real SecurityToken but writes no event store (the real
 * token-issuance adds that). Prints `READY <port>` when listening. Audit mode from
 * STS_GATEWAY_AUDIT_API_CALLS (default all).
 */
import { startGatewayTestApp } from '../../apps/gateway/test/gateway-test.app';

async function main(): Promise<void> {
  const t = await startGatewayTestApp({ overrides: { https: false } });
  process.stdout.write(`READY ${t.httpHost.split(':')[1]}\n`);
  process.on('SIGTERM', () => void t.close().then(() => process.exit(0)));
}

void main();
