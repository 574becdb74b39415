import type { ServiceError } from '@grpc/grpc-js';
import { internal } from '@opensts/grpc-api';
import { Errors, StsError } from '@opensts/sts-core/errors';
import type { AppConfig, ServiceName } from '../config';
import { traceMetadata } from '../telemetry/trace-context';
import { fromServiceError } from '../grpc';
import { RequestContextStore } from '../logging';
import { ActionRegistry } from './action.registry';
import { actionServiceClient } from './action-invoker';
import type { ActionBody } from './action.types';
import { INTERNAL_PRODUCT } from './internal-action.types';

/**
 * How one service calls an internal action of another: in-process through the shared registry
 * (embedded mode), or over the mutual-TLS ActionService channel where this service's certificate
 * names it (distributed mode). Errors come back as the StsError the other side threw;
 * an unreachable service is ServiceUnavailable.
 */
export class InternalActionClient {
  private readonly clients = new Map<ServiceName, internal.ActionServiceClient>();

  constructor(
    private readonly cfg: AppConfig,
    private readonly registry: ActionRegistry,
    /** The service this client speaks for (checked against the action's allowed callers). */
    private readonly self: ServiceName,
    private readonly deadlineMs = 5_000,
  ) {}

  async call(target: ServiceName, action: string, params: Record<string, string>): Promise<ActionBody> {
    const requestId = RequestContextStore.current()?.requestId ?? '';
    const context = { requestId, sourceIp: '', secureTransport: true };
    if (this.cfg.STS_MODE !== 'distributed') return this.registry.invokeInternal({ action, params, caller: this.self, context });
    let client = this.clients.get(target);
    if (!client) {
      client = actionServiceClient(this.cfg, target);
      this.clients.set(target, client);
    }
    const request: internal.InvokeRequest = { product: INTERNAL_PRODUCT, action, version: '', params, principal: undefined, context };
    const response = await new Promise<internal.InvokeResponse>((resolve, reject) =>
      client.invoke(request, traceMetadata(), { deadline: Date.now() + this.deadlineMs }, (err: ServiceError | null, res?: internal.InvokeResponse) =>
        err ? reject(fromServiceError(err)) : resolve(res!),
      ),
    );
    const result = response.result;
    if (result?.$case === 'jsonBody') return JSON.parse(result.value) as ActionBody;
    if (result?.$case === 'error') throw new StsError(result.value.code, result.value.httpStatus, result.value.message);
    throw Errors.internalError();
  }

  onApplicationShutdown(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
