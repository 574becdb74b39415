import { Inject, Injectable } from '@nestjs/common';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { RequestAuthenticator } from '@opensts/access';
import type { opensts } from '@opensts/grpc-api';
import { Errors, StsError } from '@opensts/sts-core/errors';
import { principalToProto } from '@opensts/platform';
import { normaliseSignedRequest } from '../../grpc/signed-request.mapper';

const inlineError = (e: StsError, requestId: string): opensts.VerifyRequestResponse => ({
  result: { $case: 'error', value: { code: e.code, message: e.message, httpStatus: e.httpStatus, requestId } },
});

/**
 * opensts.v1.TokenService/VerifyRequest: who signed this Alibaba request (long-term key or
 * temporary credentials, revocations included), or the exact error the HTTP API would answer.
 * The signed request is its own proof, so any peer the transport admits may ask.
 */
@Injectable()
export class VerifyRequestGrpcController {
  constructor(@Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator) {}

  async verifyRequest(call: ServerUnaryCall<opensts.VerifyRequestRequest, opensts.VerifyRequestResponse>, requestId: string): Promise<opensts.VerifyRequestResponse> {
    const request = call.request.request;
    if (!request) return inlineError(Errors.missingCommonParameter('AccessKeyId'), requestId);
    const normalised = normaliseSignedRequest(request);
    if (!normalised.ok) return inlineError(normalised.error, requestId);
    const auth = await this.authenticator.authenticate(normalised.request);
    if (!auth.ok) return inlineError(auth.error, requestId);
    if (auth.principal === undefined) return inlineError(Errors.missingCommonParameter('AccessKeyId'), requestId);
    return { result: { $case: 'principal', value: principalToProto(auth.principal) } };
  }
}
