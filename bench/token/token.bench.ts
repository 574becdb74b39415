/**
 * SecurityToken throughput: issue/s and verify/s (verify = decode + decrypt + derive the secret),
 * each next to a baseline measured in the same run: one HMAC-SHA256 (node:crypto) over an input
 * the size of the token. Rounds alternate baseline and subject and report medians, because this
 * machine is shared and noisy: compare the ratios across runs, not the absolute figures.
 *
 * Run (one core, no ts-node):
 *   cd /work/main && rm -rf /tmp/bench-out && npx swc bench/token libs/sts-core/src -d /tmp/bench-out --quiet \
 *     && NODE_PATH=$PWD/node_modules taskset -c 0 node /tmp/bench-out/bench/token/token.bench.js
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { KeyRing } from '../../libs/sts-core/src/crypto';
import { newTemporaryAccessKeyId } from '../../libs/sts-core/src/ids';
import { SecurityTokenCodec, SessionClaims } from '../../libs/sts-core/src/token';

const ROUNDS = 5;
const ROUND_MS = 400;
const TARGET_VERIFY_PER_SECOND = 50_000;

/**
 * A realistic session policy padded to exactly 1024 characters by its last resource name. The
 * padding is hex (like real resource ids), not a repeating pattern that deflate would flatter.
 */
function oneKilobytePolicy(): string {
  const withPadding = (padding: string) =>
    JSON.stringify({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['oss:GetObject', 'oss:PutObject', 'oss:ListObjects'], Resource: ['acs:oss:*:*:analytics-landing/*'] },
        { Effect: 'Deny', Action: ['ecs:DeleteInstance'], Resource: ['acs:ecs:cn-hangzhou:1234567890123456:instance/*'] },
        {
          Effect: 'Allow',
          Action: ['log:GetLogStore', 'log:PostLogStoreLogs'],
          Resource: ['acs:log:*:*:project/payments-prod/logstore/*'],
          Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } },
        },
        { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['acs:kms:cn-shanghai:1234567890123456:key/key-shh5f0a1b2c3d4e5f6'] },
        { Effect: 'Allow', Action: ['vpc:DescribeVpcs'], Resource: [`acs:vpc:*:1234567890123456:vpc/${padding}`] },
      ],
    });
  const missing = 1024 - withPadding('').length;
  const hex = Array.from({ length: Math.ceil(missing / 64) }, (_, i) => createHash('sha256').update(`${i}`).digest('hex'));
  return withPadding(hex.join('').slice(0, missing));
}

function claims(policy?: string): SessionClaims {
  const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  return {
    accessKeyId: newTemporaryAccessKeyId(),
    mechanism: 'AssumeRole',
    accountId: '1234567890123456',
    roleId: '344584339364951186',
    roleName: 'payments-reader',
    roleSessionName: 'alice@example.com',
    caller: { type: 'RAMUser', arn: 'acs:ram::1234567890123456:user/alice' },
    ...(policy !== undefined && { policy }),
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + 3600_000),
  };
}

/** Operations per second of `op`, run for about ROUND_MS. */
function opsPerSecond(op: () => unknown): number {
  let iterations = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ROUND_MS) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 256; i++) op();
    iterations += 256;
    now = process.hrtime.bigint();
  }
  return (iterations * 1e9) / Number(now - start);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Row {
  readonly name: string;
  readonly tokenChars: number;
  readonly perSecond: number;
  readonly baselinePerSecond: number;
}

function measure(name: string, tokenChars: number, op: () => unknown): Row {
  const hmacKey = randomBytes(32);
  const input = randomBytes(tokenChars);
  const baseline = () => createHmac('sha256', hmacKey).update(input).digest();
  for (let i = 0; i < 5_000; i++) {
    op();
    baseline();
  }
  const subject: number[] = [];
  const reference: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    reference.push(opsPerSecond(baseline));
    subject.push(opsPerSecond(op));
  }
  return { name, tokenChars, perSecond: median(subject), baselinePerSecond: median(reference) };
}

function main(): void {
  const codec = new SecurityTokenCodec(new KeyRing([{ id: 'k1', key: randomBytes(32) }], 'k1'));
  const policy = oneKilobytePolicy();
  const plain = codec.issue(claims());
  const withPolicy = codec.issue(claims(policy));
  const now = new Date();
  const verify = (token: string, accessKeyId: string) => {
    const result = codec.verify(token, accessKeyId, now);
    if (!result.ok) throw new Error(result.error.code);
    return result;
  };

  const rows = [
    measure('issue, no session policy', plain.securityToken.length, () => codec.issue(claims())),
    measure('issue, 1 KB session policy', withPolicy.securityToken.length, () => codec.issue(claims(policy))),
    measure('verify, no session policy', plain.securityToken.length, () => verify(plain.securityToken, plain.accessKeyId)),
    measure('verify, 1 KB session policy', withPolicy.securityToken.length, () => verify(withPolicy.securityToken, withPolicy.accessKeyId)),
    measure('verify + read the 1 KB policy', withPolicy.securityToken.length, () =>
      verify(withPolicy.securityToken, withPolicy.accessKeyId).value.session.policy,
    ),
  ];

  console.log(`node ${process.version}, ${ROUNDS} rounds × ${ROUND_MS} ms, medians; baseline = HMAC-SHA256 over token-sized input`);
  console.log(`token: ${plain.securityToken.length} chars without policy, ${withPolicy.securityToken.length} chars with a ${policy.length}-char policy`);
  console.log('| operation | token chars | ops/s | baseline HMAC ops/s | cost in baseline HMACs |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of rows) {
    const ratio = row.baselinePerSecond / row.perSecond;
    console.log(`| ${row.name} | ${row.tokenChars} | ${Math.round(row.perSecond)} | ${Math.round(row.baselinePerSecond)} | ${ratio.toFixed(1)} |`);
  }
  const verifyRows = rows.filter((row) => row.name.startsWith('verify,'));
  const worst = Math.min(...verifyRows.map((row) => row.perSecond));
  console.log(`target ≥ ${TARGET_VERIFY_PER_SECOND} verify/s: ${worst >= TARGET_VERIFY_PER_SECOND ? 'met' : 'MISSED'} (worst ${Math.round(worst)})`);
}

main();
