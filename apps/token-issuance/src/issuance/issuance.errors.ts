import { Errors, StsError } from '@opensts/sts-core/errors';

/**
 * A freshly minted AccessKeyId that names a stream already holding another session: the id
 * generator collided (about 2^-142 per issuance). Internal, never shown to clients; the AssumeRole
 * handler mints another id and tries again.
 */
export class SessionAlreadyIssuedError extends Error {
  override readonly name = 'SessionAlreadyIssuedError';
}

export const IssuanceErrors = {
  sessionNotExist: (accessKeyId: string): StsError => Errors.entityNotExist('Session', `The session not exists: ${accessKeyId}.`),
  issuedBeforeInFuture: (): StsError => Errors.invalidParameter('IssuedBefore', 'The parameter IssuedBefore must not be in the future.'),
  issuedBeforeInvalid: (): StsError => Errors.invalidParameter('IssuedBefore', 'The parameter IssuedBefore is wrongly formed.'),
};
