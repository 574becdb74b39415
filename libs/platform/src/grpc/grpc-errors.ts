import { Metadata, status as GrpcStatus, ServiceError } from '@grpc/grpc-js';
import { Errors, StsError } from '@opensts/sts-core/errors';

const STATUS_BY_HTTP: Record<number, GrpcStatus> = {
  400: GrpcStatus.INVALID_ARGUMENT,
  401: GrpcStatus.UNAUTHENTICATED,
  403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.NOT_FOUND,
  409: GrpcStatus.ALREADY_EXISTS,
  413: GrpcStatus.INVALID_ARGUMENT,
  429: GrpcStatus.RESOURCE_EXHAUSTED,
  500: GrpcStatus.INTERNAL,
  503: GrpcStatus.UNAVAILABLE,
};

/**
 * The one place an Alibaba error becomes a gRPC status: the code, message and HTTP status travel
 * in trailing metadata so a caller can answer exactly as the HTTP API would. Anything that is not
 * an StsError becomes InternalError; its detail stays in the server log.
 */
export function toServiceError(err: unknown, requestId?: string): Partial<ServiceError> {
  const e = StsError.is(err) ? err : Errors.internalError();
  const metadata = new Metadata();
  metadata.set('x-acs-error-code', e.code);
  metadata.set('x-acs-http-status', String(e.httpStatus));
  if (requestId) metadata.set('x-acs-request-id', requestId);
  const code = e.code.startsWith('Throttling') ? GrpcStatus.RESOURCE_EXHAUSTED : (STATUS_BY_HTTP[e.httpStatus] ?? GrpcStatus.UNKNOWN);
  return { code, details: e.message, metadata };
}

/** The inverse, for gRPC clients inside OpenSTS. Transport failures become ServiceUnavailable. */
export function fromServiceError(err: ServiceError): StsError {
  const code = err.metadata?.get('x-acs-error-code')[0];
  const httpStatus = Number(err.metadata?.get('x-acs-http-status')[0]);
  if (typeof code === 'string' && Number.isInteger(httpStatus)) return new StsError(code, httpStatus, err.details);
  return err.code === GrpcStatus.UNAVAILABLE || err.code === GrpcStatus.DEADLINE_EXCEEDED ? Errors.serviceUnavailable() : Errors.internalError();
}
