import { DynamicModule, Module } from '@nestjs/common';
import { AuthorizeGrpcController } from './authorize/authorize.grpc.controller';
import { VerifyRequestGrpcController } from './verify-request/verify-request.grpc.controller';

const controllers = [VerifyRequestGrpcController, AuthorizeGrpcController];

/**
 * Request verification and authorisation for other services (VerifyRequest, Authorize): a read
 * side over @opensts/access, no state of its own.
 */
@Module({})
export class VerificationModule {
  static register(access: DynamicModule): DynamicModule {
    return { module: VerificationModule, imports: [access], providers: [...controllers], exports: [...controllers] };
  }
}
