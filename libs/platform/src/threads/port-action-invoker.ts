import { Logger } from '@nestjs/common';
import { Errors, StsError } from '@opensts/sts-core/errors';
import { ActionInvoker } from '../actions/action-invoker';
import type { ActionRegistry } from '../actions/action.registry';
import type { ActionBody, ActionCall } from '../actions/action.types';
import { RequestContextStore } from '../logging';
import { traceCarrier, withIncomingTraceContext } from '../telemetry/trace-context';
import type { PortChannel } from './port-channel';

const INVOKE = 'actions.invoke';

interface InvokeRequest {
  call: ActionCall;
  trace: Record<string, string>;
}

type InvokeAnswer = { body: ActionBody } | { error: { code: string; httpStatus: number; message: string; detail?: Readonly<Record<string, unknown>> } };

/**
 * Embedded mode's gateway (main thread) reaches the services thread's ActionRegistry over the
 * PortChannel (ADR 0013): the same call, principal and context the ActionService carries in
 * distributed mode, structured-cloned instead of protobuf-encoded, and every call of one
 * event-loop turn in one message.
 */
export class PortActionInvoker extends ActionInvoker {
  constructor(private readonly channel: PortChannel) {
    super();
  }

  async invoke(call: ActionCall): Promise<ActionBody> {
    let answer: InvokeAnswer;
    try {
      answer = await this.channel.request<InvokeAnswer>(INVOKE, { call, trace: traceCarrier() } satisfies InvokeRequest);
    } catch {
      throw Errors.internalError();
    }
    if ('body' in answer) return answer.body;
    throw new StsError(answer.error.code, answer.error.httpStatus, answer.error.message, answer.error.detail);
  }
}

/** The services thread's side: performs the calls PortActionInvoker sends, as ActionGrpcService does. */
export function serveActionsOnPort(channel: PortChannel, registry: ActionRegistry): void {
  const logger = new Logger('PortActions');
  channel.handle<InvokeRequest, Promise<InvokeAnswer>>(INVOKE, ({ call, trace }) =>
    withIncomingTraceContext(trace, () =>
      RequestContextStore.run({ requestId: call.context.requestId }, async (): Promise<InvokeAnswer> => {
        try {
          return { body: await registry.invoke(call) };
        } catch (err) {
          if (StsError.is(err)) return { error: { code: err.code, httpStatus: err.httpStatus, message: err.message, detail: err.detail } };
          logger.error(`action ${call.product}:${call.action} failed: ${err instanceof Error ? err.stack : String(err)}`);
          const e = Errors.internalError();
          return { error: { code: e.code, httpStatus: e.httpStatus, message: e.message } };
        }
      }),
    ),
  );
}
