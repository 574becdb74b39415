/**
 * The one error type of OpenSTS: an Alibaba error code, the HTTP status the spec gives it and a
 * client-safe message. Libraries throw or return these; the gateway turns them into the Alibaba
 * error envelope and the gRPC server into status details, each in one place.
 *
 * `message` is sent to clients verbatim, so it must never contain a secret or internal detail.
 */
export class StsError extends Error {
  override readonly name = 'StsError';

  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    /** Extra client-visible fields (e.g. AccessDeniedDetail); never secrets. */
    readonly detail?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }

  static is(e: unknown): e is StsError {
    return e instanceof StsError;
  }
}
