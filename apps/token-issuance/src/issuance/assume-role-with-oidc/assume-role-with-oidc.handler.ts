import { Inject, Injectable } from '@nestjs/common';
import { DirectoryView } from '@opensts/access';
import { Errors } from '@opensts/sts-core/errors';
import { verifyOidcToken, type VerifiedOidcToken } from '@opensts/sts-core/federation';
import type { ActionContext } from '@opensts/platform';
import type { AssumeRoleParams } from '../assume-role/assume-role.request';
import { Clock } from '../clock';
import { FederatedSessions } from '../federated-sessions';
import { FederationSettings } from '../federation.settings';
import type { IssuedSession } from '../session-issuer';
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
    @Inject(FederatedSessions) private readonly sessions: FederatedSessions,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  execute(input: AssumeRoleWithOidcInput): Promise<AssumeRoleWithOidcResult> {
    return this.sessions.refusalsRecorded('AssumeRoleWithOIDC', input.params, async (vouchedBy) => {
      const request = parseAssumeRoleWithOidcRequest(input.params);
      const provider = this.directory.oidcProvider(request.providerArn.accountId, request.providerArn.providerName);
      // a provider vouches for identities in its own account only (federation.md A.4 #2, B.2 #2)
      if (provider === undefined || provider.accountId !== request.roleArn.accountId) throw Errors.oidcProviderNotRegistered();
      vouchedBy(provider);
      const now = this.clock.now();
      const token = await verifyOidcToken(
        request.token,
        { issuerUrl: provider.issuerUrl, clientIds: provider.clientIds, issuanceLimitHours: provider.issuanceLimitTime },
        this.federation.oidcKeys.keySetSource(provider),
        now,
      );
      const issued = await this.sessions.issue({
        mechanism: 'AssumeRoleWithOIDC',
        provider,
        roleArn: request.roleArn,
        roleArnText: request.roleArnText,
        roleSessionName: request.roleSessionName,
        policy: request.policy,
        durationSeconds: request.durationSeconds,
        identity: { issuer: token.issuer, subject: token.subject },
        facts: { oidc: { issuer: token.issuer, audiences: token.audiences, subject: token.subject } },
        context: input.context,
        now,
      });
      return { ...issued, token };
    });
  }
}
