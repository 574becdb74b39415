/**
 * Policy-engine throughput: decisions/s for one request against 10 attached policies of 10 statements
 * each (wildcards, conditions, a Deny), next to a baseline measured in the same run: one
 * HMAC-SHA256 (node:crypto) over an input the size of the request. Rounds alternate baseline and
 * subject and report medians, because this machine is shared and noisy: compare ratios, not figures.
 * Requests cycle through a mix (early Allow, late Allow, explicit Deny, implicit Deny after a full
 * scan), and every decision includes preparing the raw request, as a service handling it would.
 *
 * Run (one core, no ts-node):
 *   cd /work/main && rm -rf /tmp/bench-policy && npx swc bench/policy libs/sts-core/src/policy libs/sts-core/src/errors -d /tmp/bench-policy --quiet \
 *     && taskset -c 0 node /tmp/bench-policy/bench/policy/policy.bench.js
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
  authorizeAssumeRole,
  compilePolicy,
  evaluateIdentity,
  parseManagedPolicyDocument,
  parseSessionPolicy,
  parseTrustPolicyDocument,
  prepareRequest,
  type AuthorizationRequest,
  type CompiledPolicy,
} from '../../libs/sts-core/src/policy';
import { attachedPolicyTexts, requestMix, SESSION_POLICY, TRUST_POLICY, ACCOUNT } from './policy.fixtures';

const ROUNDS = 7;
const ROUND_MS = 400;
const TARGET_DECISIONS_PER_SECOND = 200_000;

function opsPerSecond(op: (i: number) => unknown): number {
  let iterations = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ROUND_MS) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 256; i++) op(iterations + i);
    iterations += 256;
    now = process.hrtime.bigint();
  }
  return (iterations * 1e9) / Number(now - start);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function measure(name: string, inputBytes: number, op: (i: number) => unknown) {
  const key = randomBytes(32);
  const input = randomBytes(inputBytes);
  const baseline = () => createHmac('sha256', key).update(input).digest();
  for (let i = 0; i < 20_000; i++) {
    op(i);
    baseline();
  }
  const subject: number[] = [];
  const reference: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    reference.push(opsPerSecond(baseline));
    subject.push(opsPerSecond(op));
  }
  return { name, perSecond: median(subject), baselinePerSecond: median(reference) };
}

function main(): void {
  const attached: CompiledPolicy[] = attachedPolicyTexts().map((text, i) => compilePolicy(parseManagedPolicyDocument(text), `policy-${i}`));
  const session = compilePolicy(parseSessionPolicy(SESSION_POLICY), 'session-policy');
  const trust = compilePolicy(parseTrustPolicyDocument(TRUST_POLICY), 'trust-policy');
  const requests: AuthorizationRequest[] = requestMix();
  const prepared = requests.map(prepareRequest);
  const n = requests.length;
  const requestBytes = Math.round(requests.reduce((sum, r) => sum + JSON.stringify(r).length, 0) / n);

  const decisions = new Map<string, number>();
  for (const r of requests) {
    const d = evaluateIdentity({ identityPolicies: attached }, r).decision;
    decisions.set(d, (decisions.get(d) ?? 0) + 1);
  }

  const caller = { type: 'RamUser', accountId: ACCOUNT, userName: 'alice' } as const;
  const roleArn = `acs:ram::${ACCOUNT}:role/app-7-deployer`;
  const rows = [
    measure('10×10 identity policies, raw request', requestBytes, (i) => evaluateIdentity({ identityPolicies: attached }, requests[i % n])),
    measure('10×10 + session policy, raw request', requestBytes, (i) =>
      evaluateIdentity({ identityPolicies: attached, sessionPolicy: session }, requests[i % n]),
    ),
    measure('10×10 identity policies, prepared request', requestBytes, (i) => evaluateIdentity({ identityPolicies: attached }, prepared[i % n])),
    measure('AssumeRole: 10×10 identity + trust policy', requestBytes, (i) =>
      authorizeAssumeRole({ caller, identityPolicies: attached, roleArn, trustPolicy: trust, context: requests[i % n].context }),
    ),
  ];

  const firstText = attachedPolicyTexts()[0];
  const compile = measure('parse + compile one 10-statement policy (not per decision)', firstText.length, () =>
    compilePolicy(parseManagedPolicyDocument(firstText), 'p'),
  );

  console.log(`node ${process.version}, ${ROUNDS} rounds × ${ROUND_MS} ms, medians; baseline = HMAC-SHA256 over ${requestBytes} bytes (mean request size)`);
  console.log(`request mix: ${n} requests, decisions ${JSON.stringify(Object.fromEntries(decisions))}`);
  console.log('| operation | ops/s | baseline HMAC/s | ratio (ops per HMAC) |');
  console.log('|---|---:|---:|---:|');
  for (const row of [...rows, compile]) {
    console.log(`| ${row.name} | ${Math.round(row.perSecond)} | ${Math.round(row.baselinePerSecond)} | ${(row.perSecond / row.baselinePerSecond).toFixed(2)} |`);
  }
  const headline = rows[0].perSecond;
  console.log(`target ≥ ${TARGET_DECISIONS_PER_SECOND} decisions/s: ${headline >= TARGET_DECISIONS_PER_SECOND ? 'met' : 'MISSED'} (${Math.round(headline)})`);
}

main();
