import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { internal } from '@opensts/grpc-api';
import { Errors, StsError } from '@opensts/sts-core/errors';
import type { AppConfig, ServiceName } from '../config';
import { grpcTlsMode, GrpcServerHost, peerCommonName } from '../grpc';
import { RequestContextStore } from '../logging';
import { withIncomingGrpcTraceContext } from '../telemetry/trace-context';
import { APP_CONFIG } from '../platform.constants';
import { ActionRegistry } from './action.registry';
import type { Product } from './action.types';
import { principalFromProto } from './principal.mapper';
import { INTERNAL_PRODUCT } from './internal-action.types';

/** Certificate common names allowed to hand over verified principals (ADR 0006). */
export const ACTION_CALLERS = ['gateway'];

/**
 * Serves this process's ActionRegistry as opensts.internal.v1.ActionService. The caller's
 * principal is trusted only because the channel authenticated the gateway (mutual TLS); in
 * embedded mode the gateway calls in-process and this service is not exposed.
 */
@Injectable()
export class ActionGrpcService implements OnModuleInit {
  private readonly logger = new Logger(ActionGrpcService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(ActionRegistry) private readonly registry: ActionRegistry,
    @Inject(GrpcServerHost) private readonly host: GrpcServerHost,
  ) {}

  onModuleInit(): void {
    if (this.cfg.STS_MODE !== 'distributed') return;
    this.host.addService(internal.ActionServiceService, {
      invoke: (call: ServerUnaryCall<internal.InvokeRequest, internal.InvokeResponse>, cb: sendUnaryData<internal.InvokeResponse>) =>
        void withIncomingGrpcTraceContext(call.metadata, () => this.invoke(call, cb)),
    });
  }

  private async invoke(call: ServerUnaryCall<internal.InvokeRequest, internal.InvokeResponse>, cb: sendUnaryData<internal.InvokeResponse>): Promise<void> {
    const req = call.request;
    const requestId = req.context?.requestId ?? '';
    try {
      // Only a mutual-TLS client certificate names a service; on `tls` nobody is authenticated, and
      // nothing on this service proves itself (ADR 0006), so every call is refused there.
      const peer = grpcTlsMode(this.cfg) === 'mtls' ? peerCommonName(call) : undefined;
      const context = { requestId, sourceIp: req.context?.sourceIp ?? '', secureTransport: req.context?.secureTransport ?? false };
      if (req.product === INTERNAL_PRODUCT) {
        // service-to-service: each internal action names its callers
        const callers = this.registry.internalCallers(req.action);
        if (peer === undefined || !callers.includes(peer as ServiceName)) throw Errors.forbiddenRam();
        const caller = peer as ServiceName;
        const body = await RequestContextStore.run({ requestId }, () => this.registry.invokeInternal({ action: req.action, params: req.params, caller, context }));
        cb(null, { result: { $case: 'jsonBody', value: JSON.stringify(body) } });
        return;
      }
      if (peer === undefined || !ACTION_CALLERS.includes(peer)) throw Errors.forbiddenRam();
      const body = await RequestContextStore.run({ requestId }, () =>
        this.registry.invoke({
          product: req.product as Product,
          action: req.action,
          version: req.version,
          params: req.params,
          principal: req.principal ? principalFromProto(req.principal) : undefined,
          context,
        }),
      );
      cb(null, { result: { $case: 'jsonBody', value: JSON.stringify(body) } });
    } catch (err) {
      const e = StsError.is(err) ? err : Errors.internalError();
      // in the call's context, so the line carries the RequestId the client was given
      if (!StsError.is(err)) RequestContextStore.run({ requestId }, () => this.logger.error(`action ${req.product}:${req.action} failed: ${err instanceof Error ? err.stack : String(err)}`));
      cb(null, { result: { $case: 'error', value: { code: e.code, message: e.message, httpStatus: e.httpStatus, requestId } } });
    }
  }
}
