/**
 * Whether this start must create the first account, and with which credentials: pure, so the
 * rule is tested without a database (STYLE §3).
 */
export interface BootstrapInput {
  accountsExist: boolean;
  configured: { accountId?: string; accessKeyId?: string; accessKeySecret?: string };
}

export type BootstrapDecision =
  | { kind: 'Skip' }
  | {
      kind: 'CreateAccount';
      /** Undefined: generate one. */
      accountId?: string;
      /** Undefined: generate the pair. */
      rootKey?: { accessKeyId: string; secret: string };
      /** The operator supplied the secret; the banner need not show it again. */
      secretFromConfiguration: boolean;
    };

export function decideBootstrap(input: BootstrapInput): BootstrapDecision {
  if (input.accountsExist) return { kind: 'Skip' };
  const { accountId, accessKeyId, accessKeySecret } = input.configured;
  const rootKey = accessKeyId && accessKeySecret ? { accessKeyId, secret: accessKeySecret } : undefined;
  return { kind: 'CreateAccount', accountId, rootKey, secretFromConfiguration: rootKey !== undefined };
}
