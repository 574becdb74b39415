import { Inject, Injectable } from '@nestjs/common';
import { DirectoryView } from '@opensts/access';
import type { RoleArn } from '@opensts/sts-core/arn';
import type { FederatedIdentityV2 } from '@opensts/sts-core/events';
import { authorizeAssumeRole, buildRequestContext, type RequestFacts } from '@opensts/sts-core/policy';
import type { ActionContext } from '@opensts/platform';
import type { AssumeRoleParams } from './assume-role/assume-role.request';
import { IssuedSession, SessionIssuer } from './session-issuer';

type FederatedMechanism = 'AssumeRoleWithSAML' | 'AssumeRoleWithOIDC';

const PROTOCOL = { AssumeRoleWithSAML: 'SAML', AssumeRoleWithOIDC: 'OIDC' } as const;
const CALLER_TYPE = { AssumeRoleWithSAML: 'SAMLProvider', AssumeRoleWithOIDC: 'OIDCProvider' } as const;

/** The registered provider that vouched for the caller. */
export interface VouchingProvider {
  readonly accountId: string;
  readonly arn: string;
}

/** What a verified assertion or token leads to: everything IssueSession needs besides the role. */
export interface FederatedIssue {
  readonly mechanism: FederatedMechanism;
  readonly provider: VouchingProvider;
  readonly roleArn: RoleArn;
  readonly roleArnText: string;
  readonly roleSessionName: string;
  readonly policy?: string;
  readonly durationSeconds?: number;
  readonly identity: FederatedIdentityV2;
  /** The protocol's own condition keys (`saml:recipient`, `oidc:*`). */
  readonly facts: Pick<RequestFacts, 'samlRecipient' | 'oidc'>;
  readonly context: ActionContext;
  readonly now: Date;
}

/**
 * The part of AssumeRoleWithSAML and AssumeRoleWithOIDC after the proof was checked (ADR 0012):
 * the role, the trust policy with the provider as `Principal.Federated`, and IssueSession; and the
 * refusal record, which names an account only once a provider of that account was involved.
 */
@Injectable()
export class FederatedSessions {
  constructor(
    @Inject(DirectoryView) private readonly directory: DirectoryView,
    @Inject(SessionIssuer) private readonly issuer: SessionIssuer,
  ) {}

  /**
   * Runs `work`, which reports the provider once it is found; a refusal before that carries no
   * account and no caller, so an anonymous caller cannot write "attempts" into an account it names.
   */
  refusalsRecorded<T>(mechanism: FederatedMechanism, params: AssumeRoleParams, work: (vouchedBy: (provider: VouchingProvider) => void) => Promise<T>): Promise<T> {
    let provider: VouchingProvider | undefined;
    const text = (name: string, max: number) => (typeof params[name] === 'string' ? params[name].slice(0, max) : undefined);
    return this.issuer.refusalsRecorded(
      () => ({
        accountId: provider?.accountId,
        roleArn: text('RoleArn', 300) ?? '',
        // SAML has no such parameter (the name is the assertion's): a caller-supplied one is not recorded
        roleSessionName: mechanism === 'AssumeRoleWithOIDC' ? text('RoleSessionName', 64) : undefined,
        mechanism,
        ...(provider ? { caller: { type: CALLER_TYPE[mechanism], arn: provider.arn } } : {}),
      }),
      () => work((found) => (provider = found)),
    );
  }

  issue(f: FederatedIssue): Promise<IssuedSession> {
    const role = this.directory.role(f.roleArn.accountId, f.roleArn.roleName);
    const authorization =
      role &&
      authorizeAssumeRole({
        caller: { type: 'Federated', protocol: PROTOCOL[f.mechanism], providerArn: f.provider.arn },
        roleArn: role.arn,
        trustPolicy: role.trustPolicy,
        context: buildRequestContext({ now: f.now, secureTransport: f.context.secureTransport, sourceIp: f.context.sourceIp || undefined, ...f.facts }),
      });
    return this.issuer.issue((accessKeyId) => ({
      type: 'IssueSession',
      data: {
        accessKeyId,
        mechanism: f.mechanism,
        caller: { type: CALLER_TYPE[f.mechanism], arn: f.provider.arn },
        requestedRoleArn: f.roleArnText,
        role,
        roleSessionName: f.roleSessionName,
        sessionPolicy: f.policy,
        durationSeconds: f.durationSeconds,
        federatedIdentity: { issuer: f.identity.issuer, subject: f.identity.subject },
        authorization,
        now: f.now,
      },
    }));
  }
}
