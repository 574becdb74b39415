import type { opensts } from '@opensts/grpc-api';
import type { NormalisedRequest } from '@opensts/sts-core/signing';

/**
 * A SignedRequest off the wire as the signing library's NormalisedRequest: decoded pairs in wire
 * order, header names lower-cased (a repeated header becomes a list), the body by its hash.
 */
export function normaliseSignedRequest(r: opensts.SignedRequest): NormalisedRequest {
  const headers: Record<string, string | string[]> = {};
  for (const { name, value } of r.headers) {
    const key = name.toLowerCase();
    const prev = headers[key];
    headers[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return {
    method: r.method,
    path: r.path || '/',
    query: r.query.map((p) => [p.name, p.value] as const),
    form: r.form.length > 0 ? r.form.map((p) => [p.name, p.value] as const) : undefined,
    headers,
    bodySha256: r.bodySha256 || undefined,
  };
}
