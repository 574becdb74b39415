import { Logger } from '@nestjs/common';
import { internal } from '@opensts/grpc-api';
import { Errors, StsError } from '@opensts/sts-core/errors';
import type { AppConfig, ServiceName } from '../config';
import { traceCarrier } from '../telemetry/trace-context';
import { fromUnaryCallError, grpcAddress, grpcClientCredentials, grpcClientTls, UnaryCallError, UnaryHttp2Client } from '../grpc';
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
  return new internal.ActionServiceClient(serviceGrpcUrl(cfg, service), grpcClientCredentials(cfg), { 'grpc.ssl_target_name_override': service });
}

function serviceGrpcUrl(cfg: AppConfig, service: ServiceName): string {
  const url = { 'identity-directory': cfg.STS_IDENTITY_GRPC_URL, policy: cfg.STS_POLICY_GRPC_URL, 'token-issuance': cfg.STS_ISSUANCE_GRPC_URL }[
    service as 'identity-directory' | 'policy' | 'token-issuance'
  ];
  if (!url) throw Errors.internalError();
  return url;
}

const INVOKE_PATH = internal.ActionServiceService.invoke.path;

/**
 * Distributed mode: one mutual-TLS HTTP/2 connection per owning service; the gateway's
 * certificate is its credential. Calls go through UnaryHttp2Client, not a grpc-js client: this
 * is the gateway's hot path, one call per API request (bench/RESULTS.md, gateway).
 */
export class GrpcActionInvoker extends ActionInvoker {
  private readonly clients = new Map<ServiceName, UnaryHttp2Client>();
  private readonly logger = new Logger('ActionInvoker');

  constructor(private readonly cfg: AppConfig, private readonly deadlineMs = 10_000) {
    super();
    // a malformed STS_*_GRPC_URL stops the start, not every request
    for (const service of ['identity-directory', 'policy', 'token-issuance'] as const) grpcAddress(serviceGrpcUrl(cfg, service));
  }

  private client(service: ServiceName): UnaryHttp2Client {
    let c = this.clients.get(service);
    if (!c) {
      c = new UnaryHttp2Client(serviceGrpcUrl(this.cfg, service), grpcClientTls(this.cfg, service));
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
    let answer: Buffer;
    try {
      answer = await this.client(owner).call(INVOKE_PATH, internal.InvokeRequest.encode(request).finish(), traceCarrier(), this.deadlineMs);
    } catch (err) {
      // the caller answers with a code only: say here what the transport said (the log line carries the RequestId)
      this.logger.warn(`${call.product}:${call.action} to ${owner} failed: ${err instanceof Error ? err.message : String(err)}`);
      throw err instanceof UnaryCallError ? fromUnaryCallError(err) : Errors.internalError();
    }
    let response: internal.InvokeResponse;
    try {
      response = internal.InvokeResponse.decode(answer);
    } catch {
      throw Errors.internalError();
    }
    const result = response.result;
    if (result?.$case === 'jsonBody') return parseBody(result.value);
    if (result?.$case === 'error') throw new StsError(result.value.code, result.value.httpStatus, result.value.message);
    throw Errors.internalError();
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}

/** The owning service's answer. A SyntaxError would quote the body, which may hold a secret (CreateAccessKey, AssumeRole), into the log. */
function parseBody(json: string): ActionBody {
  try {
    return JSON.parse(json) as ActionBody;
  } catch {
    throw Errors.internalError();
  }
}
