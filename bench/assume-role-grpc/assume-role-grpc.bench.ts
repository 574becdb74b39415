/**
 * AssumeRole over gRPC against token-issuance in distributed mode (its own process, PostgreSQL,
 * Kafka relay running, mutual TLS), next to a bare @grpc/grpc-js echo server with the same TLS and
 * messages measured in the same run. Two ways of proving the caller (ADR 0006): the gateway
 * handing over a verified principal, and the caller's own V1-signed request (signature check and
 * a nonce claimed in the database on top). Every AssumeRole answered was committed (event store +
 * outbox) first. Rounds alternate baseline and subject; medians are reported.
 *
 * Load generator (BENCH_CLIENT): `raw` (default) sends requests protobuf-encoded before the run over
 * node:http2 (raw-grpc.client.ts); `grpc-js` builds and encodes each call with @grpc/grpc-js, whose
 * client costs ≈ 200 µs CPU per call on this 2-core machine that the service would otherwise have.
 *
 * Run (needs `npm run infra:up`; the service runs from the bench's own swc build in a scratch folder):
 *   npm run bench -- assume-role-grpc        # BENCH_CONCURRENCY (64), BENCH_ROUNDS (3), BENCH_PRESIGNED (120000), BENCH_CLIENT (raw)
 */
import { opensts } from '../../libs/grpc-api/src';
import { principalToProto } from '../../libs/platform/src/actions/principal.mapper';
import { ramUserPrincipal } from '../../libs/sts-core/src/principal';
import { signedRequest } from '../../apps/token-issuance/test/signed-requests';
import { startBenchFleet, waitUntilIssuing } from './bench-fleet';
import type { LoadReport } from './load';
import { grpcFrame } from '../../libs/platform/src/grpc/grpc-frame';
import { RawGrpcClient } from './raw-grpc.client';
import { measured, median, Measured, printRound } from './measure';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8_000);
const WARMUP_MS = 2_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = { perSecond: 2_000, p99Ms: 50 };
const CLIENT = process.env.BENCH_CLIENT === 'grpc-js' ? 'grpc-js' : 'raw';
const ASSUME_ROLE_PATH = '/opensts.v1.TokenService/AssumeRole';



async function main(): Promise<void> {
  const f = await startBenchFleet('assume_role', 1700);
  try {
    const d = f.directory;
    const alice = principalToProto(ramUserPrincipal(d.accountId, d.user.userId, d.user.userName, d.user.accessKeyId));
    const aliceKey = { accessKeyId: d.user.accessKeyId, accessKeySecret: d.user.accessKeySecret };
    let n = 0;
    const handedOver = (): opensts.AssumeRoleRequest => ({
      caller: { $case: 'principal', value: alice },
      params: { roleArn: d.role.arn, roleSessionName: `bench-${++n}`, policy: '', durationSeconds: 3600, externalId: '', sourceIdentity: '' },
      context: { requestId: '', sourceIp: '10.0.0.1', secureTransport: true },
    });
    const signed = (): opensts.AssumeRoleRequest => ({
      caller: { $case: 'signedRequest', value: signedRequest('AssumeRole', { RoleArn: d.role.arn, RoleSessionName: `bench-${++n}` }, aliceKey) },
      params: undefined,
      context: undefined,
    });

    const issuance = Array.from({ length: CONNECTIONS }, (_, i) => f.client(f.issuanceAddress, i));
    const echo = Array.from({ length: CONNECTIONS }, (_, i) => f.client(f.echoAddress, i));
    const rawIssuance = Array.from({ length: CONNECTIONS }, () => new RawGrpcClient(f.issuanceAddress, f.gatewayTls));
    const rawEcho = Array.from({ length: CONNECTIONS }, () => new RawGrpcClient(f.echoAddress, f.gatewayTls));
    await waitUntilIssuing(() => issuance[0].assumeRole(handedOver()));
    // every answer is read as the caller would: an AssumeRoleResponse carrying an STS. key
    const viaRaw = (clients: RawGrpcClient[]) => async (w: number, request: opensts.AssumeRoleRequest) => {
      const answer = opensts.AssumeRoleResponse.decode(await clients[w % CONNECTIONS].call(ASSUME_ROLE_PATH, framed.get(request) ?? grpcFrame(opensts.AssumeRoleRequest.encode(request).finish())));
      if (!answer.credentials?.accessKeyId.startsWith('STS.')) throw new Error('an answer without credentials');
    };
    const viaGrpcJs = (clients: typeof issuance) => (w: number, request: opensts.AssumeRoleRequest) => clients[w % CONNECTIONS].assumeRole(request);
    const send = CLIENT === 'raw' ? { subject: viaRaw(rawIssuance), echo: viaRaw(rawEcho) } : { subject: viaGrpcJs(issuance), echo: viaGrpcJs(echo) };
    // the raw client sends frames encoded before the run, like the signatures
    const framed = new Map<opensts.AssumeRoleRequest, Buffer>();

    // Signed requests are signed before each run, as the gateway bench does: the client's own HMAC
    // and canonicalisation would otherwise compete with the service for this machine's two cores.
    // A run that outgrows its pool signs the rest on the fly (counted and printed).
    let pool: opensts.AssumeRoleRequest[] = [];
    let signedLate = 0;
    let maker = signed;
    const presign = (count: number, make: () => opensts.AssumeRoleRequest = signed) => {
      maker = make;
      pool = Array.from({ length: count }, make);
      framed.clear();
      if (CLIENT === 'raw') for (const request of pool) framed.set(request, grpcFrame(opensts.AssumeRoleRequest.encode(request).finish()));
    };
    const fromPool = (): opensts.AssumeRoleRequest => pool.pop() ?? (signedLate++, maker());
    const POOL = Number(process.env.BENCH_PRESIGNED ?? 120_000);

    const results: Record<string, { subject: Measured[]; baseline: LoadReport[] }> = {};
    for (const [mode, make, prepare] of [
      ['principal handed over by the gateway', fromPool, () => presign(POOL, handedOver)],
      ['caller-signed request (V1)', fromPool, () => presign(POOL)],
    ] as const) {
      results[mode] = { subject: [], baseline: [] };
      for (let round = 1; round <= ROUNDS; round++) {
        const options = { concurrency: CONCURRENCY, durationMs: DURATION_MS, warmupMs: WARMUP_MS };
        prepare();
        const baseline = await measured((w) => send.echo(w, make()), f.echoPid, options);
        prepare();
        const subject = await measured((w) => send.subject(w, make()), f.issuancePid, options, round === 1);
        if (signedLate > 0) console.log(`  (${signedLate} requests signed during the runs: raise BENCH_PRESIGNED)`);
        signedLate = 0;
        results[mode].baseline.push(baseline);
        results[mode].subject.push(subject);
        printRound(mode, round, 'AssumeRole', baseline, subject);
      }
    }

    console.log(`\nSummary (medians of ${ROUNDS} rounds; ${CONNECTIONS} connections, ${CONCURRENCY} requests in flight, ${DURATION_MS / 1000} s per run, ${CLIENT} load generator):`);
    console.log('| caller proof | AssumeRole req/s | p50 ms | p99 ms | echo req/s | ratio (median of rounds) | errors | service CPU µs/req | PostgreSQL CPU µs/req |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [mode, r] of Object.entries(results)) {
      const s = { perSecond: median(r.subject.map((x) => x.perSecond)), p50: median(r.subject.map((x) => x.p50Ms)), p99: median(r.subject.map((x) => x.p99Ms)) };
      const b = median(r.baseline.map((x) => x.perSecond));
      const ratio = median(r.subject.map((x, i) => x.perSecond / r.baseline[i].perSecond));
      // errors of either side invalidate the round: a failing baseline would skew the ratio
      const errors = [...r.subject, ...r.baseline].reduce((a, x) => a + x.errors, 0);
      const met = s.perSecond >= TARGET.perSecond && s.p99 <= TARGET.p99Ms ? 'met' : 'NOT met';
      const cpu = (k: string) => median(r.subject.map((x) => x.cpuUs[k]));
      console.log(`| ${mode} | ${Math.round(s.perSecond)} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${Math.round(b)} | ${ratio.toFixed(3)} | ${errors} | ${cpu('service')} | ${cpu('postgres')} | ${errors > 0 ? 'INVALID (errors)' : `target ${met}`}`);
    }
    for (const c of [...issuance, ...echo, ...rawIssuance, ...rawEcho]) c.close();
  } finally {
    await f.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
