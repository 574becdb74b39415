import { isValidName, parseRoleArnParameter, type RoleArn } from '@opensts/sts-core/arn';
import { Errors } from '@opensts/sts-core/errors';
import { parseSessionPolicy } from '@opensts/sts-core/policy';
import { SessionDurations } from '../session.decider';

/** AssumeRole's business parameters once their shape is valid (sts-api.md §3.1). */
export interface AssumeRoleRequest {
  readonly roleArn: RoleArn;
  /** As sent: error messages and the audit trail quote it. */
  readonly roleArnText: string;
  readonly roleSessionName: string;
  readonly policy?: string;
  readonly durationSeconds?: number;
  readonly externalId?: string;
  readonly sourceIdentity?: string;
}

export type AssumeRoleParams = Readonly<Record<string, string | undefined>>;

const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const INTEGER = /^[0-9]{1,10}$/;

/** An empty value is an absent one: the SDKs and the proto both send '' for "not set". */
export const present = (params: AssumeRoleParams, name: string): string | undefined => (params[name] === '' ? undefined : params[name]);

/**
 * `Policy` (size, then grammar) and `DurationSeconds` (an integer of at least 900; the role's
 * maximum is checked once the role is known): the same checks for every AssumeRole* action, with
 * the federated actions' own texts for the same codes (sts-api.md §4.3, §5.3).
 */
export function parseSessionOptions(params: AssumeRoleParams, federated = false): { policy?: string; durationSeconds?: number } {
  const policy = present(params, 'Policy');
  if (policy !== undefined) parseSessionPolicy(policy, federated ? FEDERATED_POLICY_ERRORS : undefined);
  const duration = present(params, 'DurationSeconds');
  let durationSeconds: number | undefined;
  if (duration !== undefined) {
    durationSeconds = INTEGER.test(duration) ? Number(duration) : NaN;
    if (!(durationSeconds >= SessionDurations.min)) throw federated ? Errors.federatedDurationSecondsInvalid() : Errors.durationSecondsInvalid();
  }
  return { policy, durationSeconds };
}

/** The federated actions' texts for the session policy's codes (sts-api.md §4.3, §5.3). */
const FEDERATED_POLICY_ERRORS = { size: Errors.federatedPolicySize, grammar: () => Errors.federatedPolicyGrammar() };

/**
 * The request-shape checks, in the order of sts-api.md §3.1: missing parameters, RoleArn,
 * RoleSessionName, Policy size then grammar, DurationSeconds (integer, at least 900; the role's
 * maximum is checked once the role is known), then ExternalId and SourceIdentity. Throws the
 * StsError the API answers with.
 */
export function parseAssumeRoleRequest(params: AssumeRoleParams): AssumeRoleRequest {
  const roleArnText = present(params, 'RoleArn');
  const roleSessionName = present(params, 'RoleSessionName');
  if (roleArnText === undefined) throw Errors.missingCommonParameter('RoleArn');
  if (roleSessionName === undefined) throw Errors.missingCommonParameter('RoleSessionName');
  const roleArn = parseRoleArnParameter(roleArnText);
  if (!roleArn.ok) throw roleArn.error;
  if (!isValidName('roleSessionName', roleSessionName)) throw Errors.roleSessionNameInvalid();
  const { policy, durationSeconds } = parseSessionOptions(params);
  const externalId = present(params, 'ExternalId');
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) throw Errors.externalIdInvalid();
  const sourceIdentity = present(params, 'SourceIdentity');
  if (sourceIdentity !== undefined && !isValidName('roleSessionName', sourceIdentity)) throw Errors.sourceIdentityInvalid();
  return { roleArn: roleArn.arn, roleArnText, roleSessionName, policy, durationSeconds, externalId, sourceIdentity };
}
