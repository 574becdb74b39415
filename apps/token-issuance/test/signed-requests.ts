import type { opensts } from '@opensts/grpc-api';
import { signV1 } from '@opensts/sts-core/signing';

/** An Alibaba V1-signed RPC request as the TokenService's SignedRequest (what a gateway forwards). */
export function signedRequest(
  action: string,
  params: Record<string, string>,
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string },
): opensts.SignedRequest {
  const signed = signV1({ method: 'POST', params: { Action: action, Version: '2015-04-01', Format: 'JSON', ...params }, credentials });
  return {
    method: 'POST',
    path: '/',
    query: Object.entries(signed).map(([name, value]) => ({ name, value })),
    form: [],
    headers: [{ name: 'host', value: 'sts.opensts.test' }],
    bodySha256: '',
    sourceIp: '127.0.0.1',
    secureTransport: true,
  };
}
