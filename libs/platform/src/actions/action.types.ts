import type { CallerPrincipal } from '@opensts/sts-core/principal';

export type Product = 'Sts' | 'Ram' | 'Ims';

export interface ActionContext {
  /** The RequestId the client will see; also in logs, traces and audit records. */
  requestId: string;
  sourceIp: string;
  secureTransport: boolean;
}

/** One API action to perform, after the gateway authenticated (and for RAM, authorised) the caller. */
export interface ActionCall {
  product: Product;
  action: string;
  version: string;
  /** Business parameters only (common and signature parameters removed), decoded. */
  params: Readonly<Record<string, string>>;
  /** Undefined only for the anonymous actions (AssumeRoleWithSAML / AssumeRoleWithOIDC). */
  principal?: CallerPrincipal;
  context: ActionContext;
}

/** The success body in Alibaba's JSON shape, without RequestId (the gateway adds it). */
export type ActionBody = Record<string, unknown>;

/** Performs one action; failures are thrown as StsError with the spec's code. */
export type ActionHandler = (call: ActionCall) => Promise<ActionBody>;
