import type { opensts } from '@opensts/grpc-api';
import { signV1, signV3, toQueryString } from '@opensts/sts-core/signing';

type Credentials = { accessKeyId: string; accessKeySecret: string; securityToken?: string };

const HOST = 'sts.opensts.test';
const pairs = (record: Record<string, string>) => Object.entries(record).map(([name, value]) => ({ name, value }));

/** An Alibaba V1-signed RPC request as the TokenService's SignedRequest (what a gateway forwards). */
export function signedRequest(action: string, params: Record<string, string>, credentials: Credentials): opensts.SignedRequest {
  const signed = signV1({ method: 'POST', params: { Action: action, Version: '2015-04-01', Format: 'JSON', ...params }, credentials });
  return { method: 'POST', path: '/', query: pairs(signed), form: [], headers: [{ name: 'host', value: HOST }], bodySha256: '', sourceIp: '127.0.0.1', secureTransport: true, body: Buffer.alloc(0) };
}

/**
 * An Alibaba V3-signed (ACS3-HMAC-SHA256) RPC request with its parameters in a form body, as the
 * V3 SDKs send a POST: the body bytes, their hash, and the decoded pairs a gateway also forwards.
 */
export function signedFormRequestV3(action: string, params: Record<string, string>, credentials: Credentials): opensts.SignedRequest {
  const body = Buffer.from(toQueryString(params));
  const headers = signV3({ method: 'POST', host: HOST, action, version: '2015-04-01', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, credentials });
  return { method: 'POST', path: '/', query: [], form: pairs(params), headers: pairs(headers), bodySha256: headers['x-acs-content-sha256'], sourceIp: '127.0.0.1', secureTransport: true, body };
}
