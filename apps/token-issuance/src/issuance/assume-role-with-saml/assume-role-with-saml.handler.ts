import { Inject, Injectable } from '@nestjs/common';
import { DirectoryView } from '@opensts/access';
import { Errors } from '@opensts/sts-core/errors';
import { grantsRole, verifySamlResponse, type VerifiedSamlAssertion } from '@opensts/sts-core/federation';
import type { ActionContext } from '@opensts/platform';
import type { AssumeRoleParams } from '../assume-role/assume-role.request';
import { Clock } from '../clock';
import { FederatedSessions } from '../federated-sessions';
import { FederationSettings } from '../federation.settings';
import type { IssuedSession } from '../session-issuer';
import { parseAssumeRoleWithSamlRequest } from './assume-role-with-saml.request';

export interface AssumeRoleWithSamlInput {
  readonly params: AssumeRoleParams;
  readonly context: ActionContext;
}

export interface AssumeRoleWithSamlResult extends IssuedSession {
  readonly assertion: VerifiedSamlAssertion;
}

/**
 * AssumeRoleWithSAML (sts-api.md §4, federation.md Part A): an anonymous call whose proof is a
 * SAML Response signed by a registered IdP. The assertion is verified against the provider's
 * metadata before the role is looked at (an unauthenticated caller learns nothing about roles),
 * and it must name the requested role + provider pair in its Role attribute: an IdP grants
 * roles per user, so a user's assertion for one role is not a ticket to another the provider's
 * trust happens to reach.
 */
@Injectable()
export class AssumeRoleWithSamlHandler {
  constructor(
    @Inject(DirectoryView) private readonly directory: DirectoryView,
    @Inject(FederationSettings) private readonly federation: FederationSettings,
    @Inject(FederatedSessions) private readonly sessions: FederatedSessions,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  execute(input: AssumeRoleWithSamlInput): Promise<AssumeRoleWithSamlResult> {
    return this.sessions.refusalsRecorded('AssumeRoleWithSAML', input.params, async (vouchedBy) => {
      const request = parseAssumeRoleWithSamlRequest(input.params);
      const provider = this.directory.samlProvider(request.providerArn.accountId, request.providerArn.providerName);
      if (provider === undefined || provider.accountId !== request.roleArn.accountId) throw Errors.samlProviderNotExist();
      vouchedBy(provider);
      const now = this.clock.now();
      const assertion = verifySamlResponse(request.assertion, { entityId: provider.entityId, signingCertificates: provider.signingCertificates }, this.federation.saml, now);
      if (!grantsRole(assertion, request.roleArnText, provider.arn)) throw Errors.federationNoPermission();
      const issued = await this.sessions.issue({
        mechanism: 'AssumeRoleWithSAML',
        provider,
        roleArn: request.roleArn,
        roleArnText: request.roleArnText,
        roleSessionName: assertion.roleSessionName,
        policy: request.policy,
        durationSeconds: request.durationSeconds,
        identity: { issuer: assertion.issuer, subject: assertion.subject },
        facts: { samlRecipient: assertion.acsUrl },
        context: input.context,
        now,
      });
      return { ...issued, assertion };
    });
  }
}
