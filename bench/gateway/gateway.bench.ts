/**
 * AssumeRole through the gateway over HTTP, signature V1: requests/s and p50/p99, next to a bare
 * Fastify handler measured in the same run with the same load generator (autocannon sending
 * pre-signed requests, each with its own nonce). Server and load generator are separate
 * processes, so on this 2-core machine each gets about one core. Rounds alternate baseline and
 * subject and the medians are reported, because the machine is shared and noisy.
 *
 * Run (no ts-node):
 *   cd /work/main && rm -rf /tmp/bench-gateway && npx swc bench/gateway apps/gateway libs -d /tmp/bench-gateway --quiet \
 *     && NODE_PATH=$PWD/node_modules node /tmp/bench-gateway/bench/gateway/gateway.bench.js [embedded|framework]
 * Knobs: BENCH_ROUNDS (5), BENCH_SECONDS (5), BENCH_CONNECTIONS (64), BENCH_SERVER_NODE_ARGS.
 */
import { ACCOUNT, ALICE, ROLE } from '../../apps/gateway/test/directory.fixtures';
import { runSubjects, type Subject } from './bench-runner';

const ROLE_ARN = `acs:ram::${ACCOUNT}:role/${ROLE.roleName}`;
const bare: Subject = { label: 'bare Fastify handler (baseline)', script: 'bare-fastify.server.js' };

const suites: Record<string, Subject[]> = {
  embedded: [bare, { label: 'gateway embedded, AssumeRole V1 (stand-in STS)', script: 'embedded-gateway.server.js', verifies: true }],
  framework: [
    bare,
    { label: 'Nest + route on its Fastify instance', script: 'nest-variants.server.js', args: ['raw'] },
    { label: 'Nest controller @All("/")', script: 'nest-variants.server.js', args: ['controller'] },
  ],
};

const suite = process.argv[2] ?? 'embedded';
if (!suites[suite]) throw new Error(`unknown suite ${suite}: ${Object.keys(suites).join(', ')}`);
void runSubjects(suites[suite], { credentials: ALICE, roleArn: ROLE_ARN });
