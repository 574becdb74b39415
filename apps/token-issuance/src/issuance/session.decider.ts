import { Errors } from '@opensts/sts-core/errors';
import type { FederatedIdentityV2, SessionIssuedEvent, SessionRevokedEvent } from '@opensts/sts-core/events';
import type { AssumeRoleAuthorization } from '@opensts/sts-core/policy';
import type { IssuanceMechanism, SessionCaller } from '@opensts/sts-core/token';
import type { Decider } from './decider';
import { SessionAlreadyIssuedError, IssuanceErrors } from './issuance.errors';

/** sts-api.md §3.1: 900 s minimum, 3600 s default; role chaining is capped at one hour (§3.2.8). */
export const SessionDurations = { min: 900, default: 3600, chainedMax: 3600 } as const;

// ---- Commands --------------------------------------------------------------------------------

/** The role as the directory read model knows it; undefined when it does not exist. */
export interface IssuableRole {
  readonly accountId: string;
  readonly roleId: string;
  readonly roleName: string;
  readonly arn: string;
  readonly maxSessionDuration: number;
}

/**
 * Everything the decision needs, gathered beforehand (STYLE §3): the verified caller, the role
 * from the read model, the authorisation verdict, the minted AccessKeyId and the clock.
 */
export interface IssueSession {
  readonly type: 'IssueSession';
  readonly data: {
    readonly accessKeyId: string;
    readonly mechanism: IssuanceMechanism;
    readonly caller: SessionCaller;
    /** The RoleArn as requested: the not-found message quotes it. */
    readonly requestedRoleArn: string;
    readonly role: IssuableRole | undefined;
    readonly roleSessionName: string;
    readonly sessionPolicy?: string;
    readonly durationSeconds?: number;
    readonly sourceIdentity?: string;
    /** AssumeRoleWithSAML/OIDC: the identity the provider vouched for. */
    readonly federatedIdentity?: FederatedIdentityV2;
    /** Absent when there is no role to authorise against. */
    readonly authorization: Pick<AssumeRoleAuthorization, 'decision' | 'refusedBy'> | undefined;
    readonly now: Date;
  };
}

export interface RevokeSession {
  readonly type: 'RevokeSession';
  readonly data: { readonly accessKeyId: string; readonly reason?: string; readonly now: Date };
}

export type SessionCommand = IssueSession | RevokeSession;
export type SessionEvent = SessionIssuedEvent | SessionRevokedEvent;

// ---- State -----------------------------------------------------------------------------------

export type SessionState =
  | { readonly status: 'NotIssued' }
  | {
      readonly status: 'Active';
      readonly accessKeyId: string;
      readonly accountId: string;
      readonly roleId: string;
      readonly roleArn: string;
      /** What makes a repeated IssueSession the same issuance (a retry) rather than a collision. */
      readonly fingerprint: string;
      readonly expiresAt: Date;
    }
  | { readonly status: 'Revoked'; readonly accessKeyId: string };

export const initialState = (): SessionState => ({ status: 'NotIssued' });

// ---- Evolve ----------------------------------------------------------------------------------

const fingerprint = (p: { roleId: string; roleSessionName: string; caller: SessionCaller; issuedAt: string; expiration: string }): string =>
  [p.roleId, p.roleSessionName, p.caller.type, p.caller.arn, p.issuedAt, p.expiration].join('|');

export function evolve(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'SessionIssued': {
      const p = event.payload;
      return { status: 'Active', accessKeyId: p.accessKeyId, accountId: p.accountId, roleId: p.roleId, roleArn: p.roleArn, fingerprint: fingerprint(p), expiresAt: new Date(p.expiration) };
    }
    case 'SessionRevoked':
      return { status: 'Revoked', accessKeyId: event.payload.accessKeyId };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

// ---- Decide ----------------------------------------------------------------------------------

/** Wire format of `Expiration` and of the event instants: `YYYY-MM-DDTHH:MM:SSZ`. */
export const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The rules of sts-api.md §3 that need the caller, the role and the verdict, in §3.1 order. */
export function issueSession({ data }: IssueSession, state: SessionState): SessionEvent[] {
  if (data.caller.type === 'Account') throw Errors.rootMayNotAssume();
  const role = data.role;
  const federated = data.mechanism !== 'AssumeRole';
  if (role === undefined) throw data.mechanism === 'AssumeRoleWithSAML' ? Errors.samlRoleNotExist() : Errors.roleNotExist(data.requestedRoleArn);
  const duration = data.durationSeconds ?? SessionDurations.default;
  const max = data.caller.type === 'AssumedRoleUser' ? Math.min(SessionDurations.chainedMax, role.maxSessionDuration) : role.maxSessionDuration;
  if (!Number.isInteger(duration) || duration < SessionDurations.min || duration > max) throw federated ? Errors.federatedDurationSecondsInvalid() : Errors.durationSecondsInvalid();
  if (data.authorization?.decision !== 'Allow') {
    if (federated) throw Errors.federationNoPermission();
    throw data.authorization?.refusedBy === 'RootCaller' ? Errors.rootMayNotAssume() : Errors.noPermission();
  }
  const issuedAtMs = Math.floor(data.now.getTime() / 1000) * 1000;
  const payload = {
    accessKeyId: data.accessKeyId,
    accountId: role.accountId,
    roleId: role.roleId,
    roleName: role.roleName,
    roleArn: role.arn,
    roleSessionName: data.roleSessionName,
    mechanism: data.mechanism,
    caller: { type: data.caller.type, arn: data.caller.arn },
    ...(data.sourceIdentity !== undefined ? { sourceIdentity: data.sourceIdentity } : {}),
    hasSessionPolicy: data.sessionPolicy !== undefined,
    ...(data.sessionPolicy !== undefined ? { sessionPolicy: data.sessionPolicy } : {}),
    issuedAt: isoSeconds(new Date(issuedAtMs)),
    expiration: isoSeconds(new Date(issuedAtMs + duration * 1000)),
    durationSeconds: duration,
    ...(data.federatedIdentity !== undefined ? { federatedIdentity: { issuer: data.federatedIdentity.issuer, subject: data.federatedIdentity.subject } } : {}),
  };
  if (state.status !== 'NotIssued') {
    // the same issuance again (a retry whose first append did commit) changes nothing
    if (state.status === 'Active' && state.accessKeyId === data.accessKeyId && state.fingerprint === fingerprint(payload)) return [];
    throw new SessionAlreadyIssuedError(`stream of ${data.accessKeyId} already holds a session`);
  }
  return [{ type: 'SessionIssued', schemaVersion: 2, payload }];
}

export function revokeSession({ data }: RevokeSession, state: SessionState): SessionEvent[] {
  switch (state.status) {
    case 'NotIssued':
      throw IssuanceErrors.sessionNotExist(data.accessKeyId);
    case 'Revoked':
      return [];
    case 'Active': {
      // an expired session is refused by its token already: nothing left to revoke
      if (data.now.getTime() >= state.expiresAt.getTime()) return [];
      const reason = data.reason ? { reason: data.reason } : {};
      return [
        {
          type: 'SessionRevoked',
          schemaVersion: 1,
          payload: { accessKeyId: state.accessKeyId, accountId: state.accountId, roleId: state.roleId, roleArn: state.roleArn, ...reason, revokedAt: data.now.toISOString() },
        },
      ];
    }
    default: {
      const unknown: never = state;
      return unknown;
    }
  }
}

export function decide(command: SessionCommand, state: SessionState): SessionEvent[] {
  switch (command.type) {
    case 'IssueSession':
      return issueSession(command, state);
    case 'RevokeSession':
      return revokeSession(command, state);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const SessionDecider: Decider<SessionCommand, SessionEvent, SessionState> = { decide, evolve, initialState };
