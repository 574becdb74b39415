import { Inject, Injectable } from '@nestjs/common';
import { DirectoryView } from '@opensts/access';
import { Errors } from '@opensts/sts-core/errors';
import { verifyOidcToken, type VerifiedOidcToken } from '@opensts/sts-core/federation';
import { authorizeAssumeRole, buildRequestContext } from '@opensts/sts-core/policy';
import type { ActionContext } from '@opensts/platform';
import { Clock } from '../clock';
import { FEDERATION_CLOCK_SKEW_SECONDS, FederationSettings } from '../federation.settings';
import { IssuedSession, SessionIssuer } from '../session-issuer';
import type { AssumeRoleParams } from '../assume-role/assume-role.request';
import { parseAssumeRoleWithOidcRequest } from './assume-role-with-oidc.request';

export interface AssumeRoleWithOidcInput {
  readonly params: AssumeRoleParams;
  readonly context: ActionContext;
}

export interface AssumeRoleWithOidcResult extends IssuedSession {
  readonly token: VerifiedOidcToken;
}

/**
 * AssumeRoleWithOIDC (sts-api.md §5, federation.md Part B): an anonymous call whose proof is an
 * ID token from a registered OIDC provider. The token is verified before anything about the role
 * is looked at, so an unauthenticated caller learns nothing about which roles exist; the keys
 * come only from the provider's registered issuer, never from a URL in the token.
 */
@Injectable()
export class AssumeRoleWithOidcHandler {
  constructor(
    @Inject(DirectoryView) private readonly directory: DirectoryView,
    @Inject(FederationSettings) private readonly federation: FederationSettings,
    @Inject(SessionIssuer) private readonly issuer: SessionIssuer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  execute(input: AssumeRoleWithOidcInput): Promise<AssumeRoleWithOidcResult> {
    // a refusal is put on an account's audit trail only once a provider of that account is involved:
    // anonymous callers must not be able to write "attempts" into any account they name
    let provider: { accountId: string; arn: string } | undefined;
    return this.issuer.refusalsRecorded(
      () => refusalOf(input.params, provider),
      async () => {
        const request = parseAssumeRoleWithOidcRequest(input.params);
        const registered = this.directory.oidcProvider(request.providerArn.accountId, request.providerArn.providerName);
        // a provider vouches for identities in its own account only (federation.md A.4 #2, B.2 #2)
        if (registered === undefined || registered.accountId !== request.roleArn.accountId) throw Errors.oidcProviderNotRegistered();
        provider = registered;
        const now = this.clock.now();
        const token = await verifyOidcToken(
          request.token,
          { issuerUrl: registered.issuerUrl, clientIds: registered.clientIds, issuanceLimitHours: registered.issuanceLimitTime },
          this.federation.oidcKeys.keySetSource(registered),
          now,
          FEDERATION_CLOCK_SKEW_SECONDS.oidc,
        );
        const role = this.directory.role(request.roleArn.accountId, request.roleArn.roleName);
        const authorization =
          role &&
          authorizeAssumeRole({
            caller: { type: 'Federated', protocol: 'OIDC', providerArn: registered.arn },
            roleArn: role.arn,
            trustPolicy: role.trustPolicy,
            context: buildRequestContext({
              now,
              secureTransport: input.context.secureTransport,
              sourceIp: input.context.sourceIp || undefined,
              oidc: { issuer: token.issuer, audiences: token.audiences, subject: token.subject },
            }),
          });
        const issued = await this.issuer.issue((accessKeyId) => ({
          type: 'IssueSession',
          data: {
            accessKeyId,
            mechanism: 'AssumeRoleWithOIDC',
            caller: { type: 'OIDCProvider', arn: registered.arn },
            requestedRoleArn: request.roleArnText,
            role,
            roleSessionName: request.roleSessionName,
            sessionPolicy: request.policy,
            durationSeconds: request.durationSeconds,
            federatedIdentity: { issuer: token.issuer, subject: token.subject },
            authorization,
            now,
          },
        }));
        return { ...issued, token };
      },
    );
  }
}

function refusalOf(params: AssumeRoleParams, provider: { accountId: string; arn: string } | undefined) {
  const text = (name: string, max: number) => (typeof params[name] === 'string' ? params[name].slice(0, max) : undefined);
  return {
    accountId: provider?.accountId,
    roleArn: text('RoleArn', 300) ?? '',
    roleSessionName: text('RoleSessionName', 64),
    mechanism: 'AssumeRoleWithOIDC' as const,
    ...(provider ? { caller: { type: 'OIDCProvider' as const, arn: provider.arn } } : {}),
  };
}
