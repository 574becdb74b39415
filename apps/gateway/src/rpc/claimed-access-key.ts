import type { NormalisedRequest } from '@opensts/sts-core/signing';
import { firstParameter } from '../http/first-parameter';

const CREDENTIAL = /Credential=([^,\s]{1,128})/;
const KEY_ID = /^[A-Za-z0-9.]{1,128}$/;

/**
 * The AccessKeyId a refused request claimed (V1 parameter or V3 Credential), for the audit trail
 * of failed calls. Not a secret; only a plausible id is kept, so no junk reaches the audit stream.
 */
export function claimedAccessKeyId(req: NormalisedRequest): string | undefined {
  let id = firstParameter(req, 'AccessKeyId');
  const auth = req.headers['authorization'];
  if (id === undefined && typeof auth === 'string') id = CREDENTIAL.exec(auth)?.[1];
  return id !== undefined && KEY_ID.test(id) ? id : undefined;
}
