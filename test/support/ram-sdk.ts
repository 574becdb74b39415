/** A running OpenSTS reached over plain HTTP, and the root key of its bootstrap account. */
export interface RamSdkTarget {
  /** `127.0.0.1:<port>` of the gateway's HTTP listener. */
  readonly httpHost: string;
  readonly root: { readonly accountId: string; readonly accessKeyId: string; readonly accessKeySecret: string };
  /**
   * Resolves once the policy service's read model holds each of these users/roles at least at the
   * given row version (the directory's events reach it asynchronously).
   */
  policyHasApplied(versions: Readonly<Record<string, number>>): Promise<void>;
}

/** What `@alicloud/openapi-core` puts on the error it throws: the Alibaba code and the HTTP status. */
export interface SdkError {
  code: unknown;
  statusCode: unknown;
}

/** Runs `call`, which must fail, and returns `err.code` / `err.statusCode` exactly as the SDK surfaces them. */
export async function sdkErrorOf(call: () => Promise<unknown>): Promise<SdkError> {
  try {
    await call();
  } catch (err) {
    const e = err as { code?: unknown; statusCode?: unknown };
    return { code: e.code, statusCode: e.statusCode };
  }
  throw new Error('the SDK call succeeded where it should have failed');
}

export const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const trustAccounts = (...accountIds: string[]): string =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: accountIds.map((a) => `acs:ram::${a}:root`) } }] });
export const allow = (action: string, resource = '*'): string => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
