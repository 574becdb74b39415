import type { Arn, AssumedRoleArn, AssumedRoleArnForm, RoleArn, RootArn, UserArn } from './arn.types';

/** The canonical string of an ARN. RAM ARNs always carry an empty region (ram-policy.md §3). */
export function formatArn(arn: Arn): string {
  switch (arn.kind) {
    case 'root':
      return `acs:ram::${arn.accountId}:root`;
    case 'user':
      return `acs:ram::${arn.accountId}:user/${arn.userName}`;
    case 'role':
      return `acs:ram::${arn.accountId}:role/${arn.roleName}`;
    case 'assumed-role':
      return `acs:ram::${arn.accountId}:${arn.form}/${arn.roleName}/${arn.sessionName}`;
    case 'saml-provider':
      return `acs:ram::${arn.accountId}:saml-provider/${arn.providerName}`;
    case 'oidc-provider':
      return `acs:ram::${arn.accountId}:oidc-provider/${arn.providerName}`;
    case 'policy':
      return `acs:ram::${arn.accountId}:policy/${arn.policyName}`;
    case 'group':
      return `acs:ram::${arn.accountId}:group/${arn.groupName}`;
    case 'generic':
      return `acs:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`;
    default:
      return unreachable(arn);
  }
}

function unreachable(arn: never): never {
  throw new Error(`unknown ARN kind: ${JSON.stringify(arn)}`);
}

// Builders for the strings the STS responses carry; they do not validate (parse does).

export const rootArn = (accountId: string): string => formatArn({ kind: 'root', accountId } satisfies RootArn);

export const userArn = (accountId: string, userName: string): string =>
  formatArn({ kind: 'user', accountId, userName } satisfies UserArn);

export const roleArn = (accountId: string, roleName: string): string =>
  formatArn({ kind: 'role', accountId, roleName } satisfies RoleArn);

/**
 * `form: 'role'` is `AssumedRoleUser.Arn` of AssumeRole*, `'assumed-role'` is the `Arn` of
 * GetCallerIdentity (sts-api.md §2).
 */
export const assumedRoleArn = (
  accountId: string,
  roleName: string,
  sessionName: string,
  form: AssumedRoleArnForm,
): string => formatArn({ kind: 'assumed-role', accountId, roleName, sessionName, form } satisfies AssumedRoleArn);
