import type { NormalisedRequest } from '@opensts/sts-core/signing';

/**
 * The first value of a parameter in the query, then the form body, before the signature parser
 * has merged them (routing, response format, the claimed AccessKeyId of a refused call).
 */
export function firstParameter(req: NormalisedRequest, name: string): string | undefined {
  for (const [n, v] of req.query) if (n === name) return v;
  for (const [n, v] of req.form ?? []) if (n === name) return v;
  return undefined;
}
