import RPCClient from '@alicloud/pop-core';
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import Ram from '@alicloud/ram20150501';
import Sts from '@alicloud/sts20150401';

/** Credentials as every SDK takes them; `securityToken` for temporary ones. */
export interface SdkCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

export type Signature = 'v3' | 'v1';

const teaConfig = (host: string, c: SdkCredentials, signature: Signature) =>
  new $OpenApiUtil.Config({ ...c, endpoint: host, protocol: 'http', ...(signature === 'v1' && { signatureAlgorithm: 'v2' }) });

/** `@alicloud/sts20150401`: V3 by default, V1 with `signatureAlgorithm: 'v2'`. */
export const stsClient = (host: string, c: SdkCredentials, signature: Signature = 'v3') => new Sts(teaConfig(host, c, signature));

/** `@alicloud/ram20150501`, same base client. */
export const ramClient = (host: string, c: SdkCredentials, signature: Signature = 'v3') => new Ram(teaConfig(host, c, signature));

/** `@alicloud/pop-core` RPCClient (V1 only; GET by default, POST with `{ method: 'POST' }`). */
export const popCore = (host: string, c: SdkCredentials, apiVersion: string) =>
  new RPCClient({ endpoint: `http://${host}`, apiVersion, accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, ...(c.securityToken && { securityToken: c.securityToken }) });

/** `@alicloud/openapi-client` generic `callApi` (common request), V3 or V1. */
export async function callApi(host: string, c: SdkCredentials, signature: Signature, action: string, version: string, query: Record<string, string> = {}) {
  const client = new OpenApi(new $OpenApi.Config({ ...c, endpoint: host, protocol: 'http', ...(signature === 'v1' && { signatureAlgorithm: 'v2' }) }));
  const params = new $OpenApi.Params({ action, version, protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
  // a plain object is what callApi reads its runtime options from (all unset: the client's defaults)
  return client.callApi(params, new $OpenApi.OpenApiRequest({ query }), {} as Parameters<OpenApi['callApi']>[2]);
}

/** What every SDK's error says, normalised: the Alibaba code and the HTTP status it saw. */
export interface SdkFailure {
  code: string;
  status: number | undefined;
  message: string;
}

export function sdkFailure(err: unknown): SdkFailure {
  const e = err as { code?: string; statusCode?: number; data?: { statusCode?: number; Code?: string }; entry?: { response?: { statusCode?: number } }; message?: string };
  return {
    code: String(e.code ?? e.data?.Code ?? 'NoCode'),
    status: e.statusCode ?? e.data?.statusCode ?? e.entry?.response?.statusCode,
    message: String(e.message ?? ''),
  };
}

/** Runs `call`, which must fail; returns the normalised failure. */
export async function failureOf(call: () => Promise<unknown>): Promise<SdkFailure> {
  try {
    await call();
  } catch (err) {
    return sdkFailure(err);
  }
  throw new Error('the SDK call succeeded where it should have failed');
}
