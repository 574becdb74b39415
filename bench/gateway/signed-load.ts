import autocannon from 'autocannon';
import { signV1, toQueryString } from '../../libs/sts-core/src/signing';

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/**
 * AssumeRole request targets, each with its own SignatureNonce and V1 (HMAC-SHA1) signature, as a
 * real client's would be, so the nonce store sees no replay. POST with every parameter in the
 * query (the Tea `signatureAlgorithm: 'v2'` shape). Signed before the run: signing on the fly
 * costs the load generator more than the bare handler costs the server, so it would measure the
 * generator. Timestamps stay inside the 15-minute window for the length of a run.
 */
export function presignAssumeRoles(count: number, creds: Credentials, roleArn: string): string[] {
  const paths = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const params = { Action: 'AssumeRole', Version: '2015-04-01', Format: 'json', RoleArn: roleArn, RoleSessionName: `bench-${i % 1000}`, DurationSeconds: '3600' };
    paths[i] = `/?${toQueryString(signV1({ method: 'POST', params, credentials: creds }))}`;
  }
  return paths;
}

/** autocannon sending each pre-signed path once, in order (a second lap would replay nonces: non-2xx). */
export async function signedAssumeRoleLoad(port: number, paths: readonly string[], opts: { connections: number; seconds: number; from?: number; overallRate?: number }): Promise<LoadResult & { used: number }> {
  let next = opts.from ?? 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
    ...(opts.overallRate && { overallRate: opts.overallRate }),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    used: next - (opts.from ?? 0),
  };
}
