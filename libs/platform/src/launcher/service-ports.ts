import type { ServiceName } from '../config';

/** Default ports of the distributed mode on one machine (each process its own). */
export const DISTRIBUTED_PORTS: Record<ServiceName, { http: number; https?: number; grpc?: number }> = {
  gateway: { http: 8080, https: 8443 },
  'identity-directory': { http: 8181, grpc: 50061 },
  policy: { http: 8182, grpc: 50062 },
  'token-issuance': { http: 8183, grpc: 50051 },
  audit: { http: 8184 },
};

export const SERVICES: readonly ServiceName[] = ['identity-directory', 'policy', 'token-issuance', 'audit', 'gateway'];

/**
 * The environment a service started on its own reads, in distributed mode: the ports of
 * DISTRIBUTED_PORTS where none is set, so that `npm run start:policy` and its siblings do not all
 * bind the shared defaults (HTTP 8080, gRPC 50051) and each listens where the others look for it
 * by default (STS_*_GRPC_URL). Set variables win; embedded mode and unknown names are left alone.
 */
export function withServicePorts(name: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.STS_MODE !== 'distributed' || !Object.hasOwn(DISTRIBUTED_PORTS, name)) return env;
  const ports = DISTRIBUTED_PORTS[name as ServiceName];
  const defaults: Record<string, number | undefined> = { STS_HTTP_PORT: ports.http, STS_HTTPS_PORT: ports.https, STS_GRPC_PORT: ports.grpc };
  const filled = { ...env };
  for (const [variable, value] of Object.entries(defaults)) if (value !== undefined && !filled[variable]) filled[variable] = String(value);
  return filled;
}
