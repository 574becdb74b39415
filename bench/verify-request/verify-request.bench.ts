/**
 * VerifyRequest over gRPC against token-issuance in distributed mode (its own process,
 * PostgreSQL, Kafka, mutual TLS), next to a bare @grpc/grpc-js echo server with the same TLS and
 * messages measured in the same run. Each request is a fresh V1-signed GetCallerIdentity (its own
 * SignatureNonce, claimed in the service's database as the HTTP API would), signed with
 * temporary credentials (SecurityToken decrypted, secret derived, revocation view consulted) or
 * with a RAM user's long-term key (directory view). Rounds alternate baseline and subject.
 *
 * Run (needs `npm run infra:up`; the service runs from the bench's own build in /tmp):
 *   cd /work/main && rm -rf /tmp/bench-verify \
 *     && npx swc bench/verify-request bench/assume-role-grpc apps/token-issuance test/support libs -d /tmp/bench-verify --quiet \
 *     && NODE_PATH=$PWD/node_modules node /tmp/bench-verify/bench/verify-request/verify-request.bench.js
 */
import { opensts } from '../../libs/grpc-api/src';
import { principalToProto } from '../../libs/platform/src/actions/principal.mapper';
import { ramUserPrincipal } from '../../libs/sts-core/src/principal';
import { signedRequest } from '../../apps/token-issuance/test/signed-requests';
import { startBenchFleet, waitUntilIssuing } from '../assume-role-grpc/bench-fleet';
import type { LoadReport } from '../assume-role-grpc/load';
import { measured, median, Measured, printRound } from '../assume-role-grpc/measure';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8_000);
const WARMUP_MS = 2_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_RATIO = 0.5;

async function main(): Promise<void> {
  const f = await startBenchFleet('verify', 1800);
  try {
    const d = f.directory;
    const issuance = Array.from({ length: CONNECTIONS }, (_, i) => f.client(f.issuanceAddress, i));
    const echo = Array.from({ length: CONNECTIONS }, (_, i) => f.client(f.echoAddress, i));
    const alice = principalToProto(ramUserPrincipal(d.accountId, d.user.userId, d.user.userName, d.user.accessKeyId));
    const assume = () =>
      issuance[0].assumeRole({
        caller: { $case: 'principal', value: alice },
        params: { roleArn: d.role.arn, roleSessionName: 'bench-verify', policy: '', durationSeconds: 3600, externalId: '', sourceIdentity: '' },
        context: undefined,
      });
    await waitUntilIssuing(assume);
    const temporary = (await assume()).credentials!;
    const longTerm = { accessKeyId: d.user.accessKeyId, accessKeySecret: d.user.accessKeySecret };

    // sanity: the service verifies both (a bench of refusals would measure nothing)
    for (const creds of [temporary, longTerm]) {
      const r = await issuance[0].verifyRequest({ request: signedRequest('GetCallerIdentity', {}, creds), context: undefined });
      if (r.result?.$case !== 'principal') throw new Error(`VerifyRequest refused the bench credentials: ${JSON.stringify(r.result)}`);
    }

    const results: Record<string, { subject: Measured[]; baseline: LoadReport[] }> = {};
    const modes = [
      ['temporary credentials (STS. + SecurityToken)', temporary],
      ['long-term AccessKey (RAM user)', longTerm],
    ] as const;
    for (const [mode, creds] of modes) {
      results[mode] = { subject: [], baseline: [] };
      const make = (): opensts.VerifyRequestRequest => ({ request: signedRequest('GetCallerIdentity', {}, creds), context: undefined });
      for (let round = 1; round <= ROUNDS; round++) {
        const options = { concurrency: CONCURRENCY, durationMs: DURATION_MS, warmupMs: WARMUP_MS };
        const baseline = await measured((w) => echo[w % CONNECTIONS].verifyRequest(make()), f.echoPid, options);
        const subject = await measured(
          async (w) => {
            const r = await issuance[w % CONNECTIONS].verifyRequest(make());
            if (r.result?.$case !== 'principal') throw new Error(r.result?.$case === 'error' ? r.result.value.code : 'no result');
          },
          f.issuancePid,
          options,
          round === 1,
        );
        results[mode].baseline.push(baseline);
        results[mode].subject.push(subject);
        printRound(mode, round, 'VerifyRequest', baseline, subject);
      }
    }

    console.log(`\nSummary (medians of ${ROUNDS} rounds; ${CONNECTIONS} connections, ${CONCURRENCY} requests in flight, ${DURATION_MS / 1000} s per run):`);
    console.log('| credentials | VerifyRequest req/s | p50 ms | p99 ms | echo req/s | ratio (median of rounds) | errors | service CPU µs/req | PostgreSQL CPU µs/req |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [mode, r] of Object.entries(results)) {
      const ratio = median(r.subject.map((x, i) => x.perSecond / r.baseline[i].perSecond));
      const cpu = (k: string) => median(r.subject.map((x) => x.cpuUs[k]));
      const errors = r.subject.reduce((a, x) => a + x.errors, 0);
      console.log(
        `| ${mode} | ${Math.round(median(r.subject.map((x) => x.perSecond)))} | ${median(r.subject.map((x) => x.p50Ms)).toFixed(1)} | ${median(r.subject.map((x) => x.p99Ms)).toFixed(1)} | ${Math.round(median(r.baseline.map((x) => x.perSecond)))} | ${ratio.toFixed(3)} | ${errors} | ${cpu('service')} | ${cpu('postgres')} | ${errors > 0 ? 'INVALID (errors)' : `target ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`}`,
      );
    }
    for (const c of [...issuance, ...echo]) c.close();
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
