import { Inject, Injectable } from '@nestjs/common';
import { DirectoryView } from '@opensts/access';
import { Errors } from '@opensts/sts-core/errors';
import { grantsRole, verifySamlResponse, type VerifiedSamlAssertion } from '@opensts/sts-core/federation';
import { authorizeAssumeRole, buildRequestContext } from '@opensts/sts-core/policy';
import type { ActionContext } from '@opensts/platform';
import { Clock } from '../clock';
import { FederationSettings } from '../federation.settings';
import { IssuedSession, SessionIssuer } from '../session-issuer';
import type { AssumeRoleParams } from '../assume-role/assume-role.request';
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
    @Inject(SessionIssuer) private readonly issuer: SessionIssuer,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  execute(input: AssumeRoleWithSamlInput): Promise<AssumeRoleWithSamlResult> {
    // a refusal is put on an account's audit trail only once a provider of that account is involved:
    // anonymous callers must not be able to write "attempts" into any account they name
    let provider: { accountId: string; arn: string } | undefined;
    return this.issuer.refusalsRecorded(
      () => refusalOf(input.params, provider),
      async () => {
        const request = parseAssumeRoleWithSamlRequest(input.params);
        const registered = this.directory.samlProvider(request.providerArn.accountId, request.providerArn.providerName);
        if (registered === undefined || registered.accountId !== request.roleArn.accountId) throw Errors.samlProviderNotExist();
        provider = registered;
        const now = this.clock.now();
        const assertion = verifySamlResponse(request.assertion, { entityId: registered.entityId, signingCertificates: registered.signingCertificates }, this.federation.saml, now);
        if (!grantsRole(assertion, request.roleArnText, registered.arn)) throw Errors.federationNoPermission();
        const role = this.directory.role(request.roleArn.accountId, request.roleArn.roleName);
        const authorization =
          role &&
          authorizeAssumeRole({
            caller: { type: 'Federated', protocol: 'SAML', providerArn: registered.arn },
            roleArn: role.arn,
            trustPolicy: role.trustPolicy,
            context: buildRequestContext({
              now,
              secureTransport: input.context.secureTransport,
              sourceIp: input.context.sourceIp || undefined,
              samlRecipient: assertion.recipient,
            }),
          });
        const issued = await this.issuer.issue((accessKeyId) => ({
          type: 'IssueSession',
          data: {
            accessKeyId,
            mechanism: 'AssumeRoleWithSAML',
            caller: { type: 'SAMLProvider', arn: registered.arn },
            requestedRoleArn: request.roleArnText,
            role,
            roleSessionName: assertion.roleSessionName,
            sessionPolicy: request.policy,
            durationSeconds: request.durationSeconds,
            federatedIdentity: { issuer: assertion.issuer, subject: assertion.subject },
            authorization,
            now,
          },
        }));
        return { ...issued, assertion };
      },
    );
  }
}

function refusalOf(params: AssumeRoleParams, provider: { accountId: string; arn: string } | undefined) {
  return {
    accountId: provider?.accountId,
    roleArn: typeof params.RoleArn === 'string' ? params.RoleArn.slice(0, 300) : '',
    mechanism: 'AssumeRoleWithSAML' as const,
    ...(provider ? { caller: { type: 'SAMLProvider' as const, arn: provider.arn } } : {}),
  };
}
