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
