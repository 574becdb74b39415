import { Inject, Injectable, Logger } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { RequestAuthenticator } from '@opensts/access';
import { ActionInvoker, RequestContextStore } from '@opensts/platform';
import { Errors, RamErrors, StsError } from '@opensts/sts-core/errors';
import type { CallerPrincipal } from '@opensts/sts-core/principal';
import type { NormalisedRequest } from '@opensts/sts-core/signing';
import { ApiCallRecorder } from '../audit/api-call.recorder';
import { RamAuthoriser } from '../authorisation/ram.authoriser';
import type { GatewayOptions } from '../config/gateway-options';
import { GATEWAY_OPTIONS } from '../gateway.constants';
import { readRpcRequest, type IncomingRpcRequest } from '../http/rpc-request.reader';
import { renderError, renderSuccess, responseFormat, type RenderedResponse, type ResponseFormat } from '../http/rpc-response.renderer';
import type { ActionSpec } from '../routing/action-spec';
import { ActionRouter } from '../routing/action.router';
import { businessParameters } from '../routing/common-parameters';
import { RequestThrottle } from '../throttling/request.throttle';
import { ThrottleClock } from '../throttling/throttle.clock';
import { claimedAccessKeyId } from './claimed-access-key';
import { RpcCallMetrics } from './rpc-call.metrics';

/** What the transport knows about a request before it is parsed. */
export interface TransportFacts {
  readonly requestId: string;
  readonly sourceIp: string;
  /** The request came over HTTPS (`acs:SecureTransport`). */
  readonly secureTransport: boolean;
  /** The Host header as sent, for the error envelope's HostId. */
  readonly host: string;
  readonly startedAtMs: number;
}

export interface RpcReply extends RenderedResponse {
  readonly headers?: Readonly<Record<string, string>>;
}

interface CallState {
  request?: NormalisedRequest;
  format: ResponseFormat;
  spec?: ActionSpec;
  version?: string;
  principal?: CallerPrincipal;
  /** RateLimit-* of a call the throttle admitted: on its answer, whatever the answer is. */
  rateLimit?: Readonly<Record<string, string>>;
}

/**
 * One Alibaba RPC call, end to end: read → route → authenticate → throttle → authorise (RAM/IMS)
 * → invoke the owning service → render. Every outcome is an Alibaba body with the RequestId;
 * anything unexpected becomes InternalError 500 and is logged here with the RequestId.
 */
@Injectable()
export class RpcCallHandler {
  private readonly logger = new Logger('RpcCall');
  private readonly metrics = new RpcCallMetrics();

  constructor(
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    @Inject(ActionRouter) private readonly router: ActionRouter,
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(RequestThrottle) private readonly throttle: RequestThrottle,
    @Inject(RamAuthoriser) private readonly authoriser: RamAuthoriser,
    @Inject(ActionInvoker) private readonly invoker: ActionInvoker,
    @Inject(ApiCallRecorder) private readonly recorder: ApiCallRecorder,
    // a default, so unit tests that build the handler by hand get the wall clock
    @Inject(ThrottleClock) private readonly clock: ThrottleClock = new ThrottleClock(),
  ) {}

  async handle(incoming: IncomingRpcRequest, t: TransportFacts): Promise<RpcReply> {
    const state: CallState = { format: 'JSON' };
    try {
      return await this.run(incoming, t, state);
    } catch (err) {
      if (StsError.is(err)) return this.finish(state, t, err);
      this.logger.error(`${state.spec?.action ?? 'request'} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return this.finish(state, t, Errors.internalError());
    }
  }

  /**
   * A request refused before it could be read as a call (another path or method, a body too large
   * or unreadable): answered, logged, counted and recorded like any refused call.
   */
  refuse(t: TransportFacts, error: StsError): RpcReply {
    return this.finish({ format: 'JSON' }, t, error);
  }

  private async run(incoming: IncomingRpcRequest, t: TransportFacts, state: CallState): Promise<RpcReply> {
    const read = readRpcRequest(incoming, this.options);
    if (!read.ok) return this.finish(state, t, read.error);
    const request = (state.request = read.request);
    state.format = responseFormat(request);
    if (this.options.requireHttps && !t.secureTransport) return this.finish(state, t, Errors.needSsl());

    const route = this.router.route(request);
    if (!route.ok) return this.finish(state, t, route.error);
    const spec = (state.spec = route.spec);
    state.version = route.version;

    const auth = await this.authenticator.authenticate(request);
    if (!auth.ok) return this.finish(state, t, auth.error);
    // the routed action must be the one the signature covers, whatever the two readers become
    if (auth.request.action !== spec.action || auth.request.version !== route.version) return this.finish(state, t, Errors.invalidActionOrVersion());
    const principal = (state.principal = auth.principal);
    if (principal === undefined && !spec.anonymous) return this.finish(state, t, Errors.missingCommonParameter('AccessKeyId'));
    const ctx = RequestContextStore.current();
    if (ctx && principal) Object.assign(ctx, { accountId: principal.accountId, principalArn: principal.arn });

    const throttled = this.throttle.check(principal, this.clock.nowMs(), t.sourceIp);
    if (!throttled.ok) return this.finish(state, t, throttled.error, throttled.headers);
    state.rateLimit = throttled.headers;
    const params = auth.request.params;
    if (principal) {
      const denied = this.authoriser.authorise(spec, params, principal, { now: new Date(), sourceIp: t.sourceIp, secureTransport: t.secureTransport });
      if (denied) return this.finish(state, t, denied);
    }

    const body = await this.invoker.invoke({
      product: spec.product,
      action: spec.action,
      version: route.version,
      params: businessParameters(params),
      principal,
      context: { requestId: t.requestId, sourceIp: t.sourceIp, secureTransport: t.secureTransport },
    });
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`${spec.product}:${spec.action} returned no object`);
    return this.finish(state, t, undefined, undefined, renderSuccess(spec.action, t.requestId, body, state.format));
  }

  /** Renders the outcome and records it (trace attributes, metrics, ApiCallCompleted). */
  private finish(state: CallState, t: TransportFacts, error?: StsError, headers?: Record<string, string>, success?: RenderedResponse): RpcReply {
    const rendered = success ?? renderError(productInternalError(error!, state.spec?.product), { requestId: t.requestId, hostId: t.host, product: state.spec?.product }, state.format);
    const action = state.spec?.action ?? 'Unknown';
    const span = trace.getActiveSpan();
    if (span) {
      span.setAttribute('acs.request_id', t.requestId);
      span.setAttribute('rpc.method', action);
      if (error) span.setAttribute('acs.error_code', error.code);
    }
    const elapsedMs = performance.now() - t.startedAtMs;
    const durationMs = Math.round(elapsedMs * 100) / 100;
    this.metrics.record(state.spec, rendered.status, error?.code, elapsedMs / 1000);
    // one line per call; the logger adds the RequestId of the call's context
    this.logger.log(error ? `${action} ${rendered.status} ${error.code} ${durationMs}ms` : `${action} ${rendered.status} ${durationMs}ms`);
    this.recorder.record({
      requestId: t.requestId,
      action,
      version: state.version ?? '',
      product: state.spec?.product ?? 'Sts',
      accountId: state.principal?.accountId,
      principalArn: state.principal?.arn,
      accessKeyId: state.principal?.accessKeyId ?? (state.request && claimedAccessKeyId(state.request)),
      sourceIp: t.sourceIp,
      httpStatus: rendered.status,
      errorCode: error?.code,
      durationMs,
    });
    const extra = headers ?? state.rateLimit;
    return extra ? { ...rendered, headers: extra } : rendered;
  }
}

/** An InternalError in the text of the product's own spec (sts-api.md §3.4; ram-api.md): its code and status are the same. */
function productInternalError(error: StsError, product: string | undefined): StsError {
  if (error.code !== 'InternalError' || error.httpStatus !== 500) return error;
  if (product === 'Sts') return Errors.stsInternalError();
  if (product === 'Ram' || product === 'Ims') return RamErrors.internalError();
  return error;
}
