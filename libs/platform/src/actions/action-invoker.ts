import type { ServiceError } from '@grpc/grpc-js';
import { internal } from '@opensts/grpc-api';
import { Errors, StsError } from '@opensts/sts-core/errors';
import type { AppConfig, ServiceName } from '../config';
import { traceMetadata } from '../telemetry/trace-context';
import { fromServiceError, grpcClientCredentials } from '../grpc';
import { ActionRegistry } from './action.registry';
import { actionOwner } from './action-routes';
import type { ActionBody, ActionCall } from './action.types';
import { principalToProto } from './principal.mapper';

/** How the gateway reaches the service that owns an action: in-process or over gRPC. */
export abstract class ActionInvoker {
  /** Resolves to the success body or throws an StsError. */
  abstract invoke(call: ActionCall): Promise<ActionBody>;
}

export class InProcessActionInvoker extends ActionInvoker {
  constructor(private readonly registry: ActionRegistry) {
    super();
  }

  invoke(call: ActionCall): Promise<ActionBody> {
    return this.registry.invoke(call);
  }
}

/** The ActionService of another OpenSTS service (gRPC, credentials per STS_GRPC_TLS). */
export function actionServiceClient(cfg: AppConfig, service: ServiceName): internal.ActionServiceClient {
  const url = { 'identity-directory': cfg.STS_IDENTITY_GRPC_URL, policy: cfg.STS_POLICY_GRPC_URL, 'token-issuance': cfg.STS_ISSUANCE_GRPC_URL }[
    service as 'identity-directory' | 'policy' | 'token-issuance'
  ];
  if (!url) throw Errors.internalError();
  return new internal.ActionServiceClient(url, grpcClientCredentials(cfg), { 'grpc.ssl_target_name_override': service });
}

/** Distributed mode: one mutual-TLS channel per owning service; the gateway's certificate is its credential. */
export class GrpcActionInvoker extends ActionInvoker {
  private readonly clients = new Map<ServiceName, internal.ActionServiceClient>();

  constructor(private readonly cfg: AppConfig, private readonly deadlineMs = 10_000) {
    super();
  }

  private client(service: ServiceName): internal.ActionServiceClient {
    let c = this.clients.get(service);
    if (!c) {
      c = actionServiceClient(this.cfg, service);
      this.clients.set(service, c);
    }
    return c;
  }

  async invoke(call: ActionCall): Promise<ActionBody> {
    const owner = actionOwner(call.product, call.action);
    if (!owner) throw Errors.invalidActionNotFound();
    const request: internal.InvokeRequest = {
      product: call.product,
      action: call.action,
      version: call.version,
      params: { ...call.params },
      principal: call.principal ? principalToProto(call.principal) : undefined,
      context: call.context,
    };
    const metadata = traceMetadata();
    const response = await new Promise<internal.InvokeResponse>((resolve, reject) =>
      this.client(owner).invoke(request, metadata, { deadline: Date.now() + this.deadlineMs }, (err: ServiceError | null, res?: internal.InvokeResponse) =>
        err ? reject(fromServiceError(err)) : resolve(res!),
      ),
    );
    const result = response.result;
    if (result?.$case === 'jsonBody') return JSON.parse(result.value) as ActionBody;
    if (result?.$case === 'error') throw new StsError(result.value.code, result.value.httpStatus, result.value.message);
    throw Errors.internalError();
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
