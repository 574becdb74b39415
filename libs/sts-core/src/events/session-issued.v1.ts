/**
 * SessionIssued, schema version 1. FROZEN: stored events and messages already on Kafka have this
 * shape forever; change the current version (issuance.events.ts) and upcast instead.
 */
export interface SessionCallerV1 {
  type: 'Account' | 'RAMUser' | 'AssumedRoleUser' | 'SAMLProvider' | 'OIDCProvider';
  arn: string;
}

export interface SessionIssuedV1 {
  /** The temporary AccessKeyId (`STS.…`), which is also the session id. */
  accessKeyId: string;
  accountId: string;
  roleId: string;
  roleName: string;
  roleArn: string;
  roleSessionName: string;
  mechanism: 'AssumeRole' | 'AssumeRoleWithSAML' | 'AssumeRoleWithOIDC';
  caller: SessionCallerV1;
  sourceIdentity?: string;
  hasSessionPolicy: boolean;
  /** ISO-8601 UTC, second precision. */
  issuedAt: string;
  expiration: string;
}
