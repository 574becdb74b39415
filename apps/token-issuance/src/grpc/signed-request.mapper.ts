import type { opensts } from '@opensts/grpc-api';
import { Errors, StsError } from '@opensts/sts-core/errors';
import { sha256Hex, type NormalisedRequest, type ParamPair } from '@opensts/sts-core/signing';
import { bodyKind, decodeFormBody } from './form-body.decoder';

export type NormaliseResult = { readonly ok: true; readonly request: NormalisedRequest } | { readonly ok: false; readonly error: StsError };

const NUL_REFUSED = 'The request has a parameter with a NUL character.';
const refused = (message: string): NormaliseResult => ({ ok: false, error: Errors.badRequest(message) });
const samePairs = (a: readonly ParamPair[], b: readonly ParamPair[]) => a.length === b.length && a.every(([name, value], i) => name === b[i][0] && value === b[i][1]);

/**
 * A SignedRequest off the wire as the signing library's NormalisedRequest: decoded pairs in wire
 * order, header names lower-cased (a repeated header becomes a list), and the body. Form
 * parameters are acted on but V3 signs them only through the body hash, so with a body they are
 * decoded from its bytes (the `form` field may only repeat them), and a body hash without the body
 * is accepted only when there are no form parameters.
 */
export function normaliseSignedRequest(r: opensts.SignedRequest): NormaliseResult {
  // as the gateway does (parameter-string.decoder.ts): no action takes a NUL, and PostgreSQL cannot store one
  if ([r.query, r.form, r.headers].some((pairs) => pairs.some((p) => p.name.includes('\0') || p.value.includes('\0')))) return refused(NUL_REFUSED);
  const headers: Record<string, string | string[]> = {};
  for (const { name, value } of r.headers) {
    const key = name.toLowerCase();
    const prev = headers[key];
    headers[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  const common = { method: r.method, path: r.path || '/', query: r.query.map((p) => [p.name, p.value] as const), headers };
  const sentForm = r.form.map((p) => [p.name, p.value] as const);
  const body = r.body ?? Buffer.alloc(0);

  if (body.length === 0) {
    if (sentForm.length > 0 && r.bodySha256) return refused('Form parameters need the body they were decoded from: send body, not only body_sha256.');
    // no body at all, or one the caller kept (its hash stands in for it: V3 compares it with x-acs-content-sha256)
    return { ok: true, request: { ...common, form: sentForm.length > 0 ? sentForm : undefined, bodySha256: r.bodySha256 || undefined, body: undefined } };
  }
  if (r.bodySha256 && r.bodySha256 !== sha256Hex(body)) return refused('body_sha256 is not the SHA-256 of body.');
  const kind = bodyKind(headers);
  if (typeof kind === 'object') return refused(kind.refused);
  if (kind === 'opaque') {
    if (sentForm.length > 0) return refused('Form parameters need a body of Content-Type application/x-www-form-urlencoded.');
    return { ok: true, request: { ...common, form: undefined, bodySha256: undefined, body } };
  }
  const form = decodeFormBody(body);
  if (form === undefined) return refused('The request body is not valid percent-encoded UTF-8.');
  if (form.some(([name, value]) => name.includes('\0') || value.includes('\0'))) return refused(NUL_REFUSED);
  if (sentForm.length > 0 && !samePairs(sentForm, form)) return refused('The form parameters are not the ones in the request body.');
  return { ok: true, request: { ...common, form: form.length > 0 ? form : undefined, bodySha256: undefined, body } };
}
