/**
 * Parameters the gateway consumes (openapi-signing.md §1): routing, format and signature. They are
 * stripped before the owning service sees the call; everything else is a business parameter.
 */
const COMMON_PARAMETERS: ReadonlySet<string> = new Set([
  'Action',
  'Version',
  'Format',
  'RegionId',
  'AccessKeyId',
  'SecurityToken',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Signature',
  'Timestamp',
  'BearerToken',
]);

/**
 * Business parameters of a verified request (its `params` map: query ∪ form, Signature excluded),
 * as a plain object for the handlers; `__proto__` is dropped rather than allowed to reach one.
 */
export function businessParameters(params: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of params) if (!COMMON_PARAMETERS.has(name) && name !== '__proto__') out[name] = value;
  return out;
}
