import { Metadata, status as GrpcStatus, ServiceError } from '@grpc/grpc-js';
import { Errors, StsError } from '@opensts/sts-core/errors';
import type { UnaryCallError } from './unary-http2.client';

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
  return fromGrpcStatus(err.code, err.details, err.metadata?.get('x-acs-error-code')[0], err.metadata?.get('x-acs-http-status')[0]);
}

/** The same, for UnaryHttp2Client's failures. */
export function fromUnaryCallError(err: UnaryCallError): StsError {
  return fromGrpcStatus(err.code, err.details, err.trailers['x-acs-error-code'], err.trailers['x-acs-http-status']);
}

function fromGrpcStatus(status: GrpcStatus, details: string, code: unknown, httpStatusValue: unknown): StsError {
  const httpStatus = Number(httpStatusValue);
  if (typeof code === 'string' && Number.isInteger(httpStatus)) return new StsError(code, httpStatus, details);
  return status === GrpcStatus.UNAVAILABLE || status === GrpcStatus.DEADLINE_EXCEEDED ? Errors.serviceUnavailable() : Errors.internalError();
}
