import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Errors } from '@opensts/sts-core/errors';
import { ActionBody, ActionCall, ActionRegistry, RequestContextStore } from '@opensts/platform';
import { AssumeRoleHandler } from './assume-role/assume-role.handler';
import { assumeRoleBody } from './assume-role/assume-role.response';
import { AssumeRoleWithOidcHandler } from './assume-role-with-oidc/assume-role-with-oidc.handler';
import { assumeRoleWithOidcBody } from './assume-role-with-oidc/assume-role-with-oidc.response';
import { AssumeRoleWithSamlHandler } from './assume-role-with-saml/assume-role-with-saml.handler';
import { assumeRoleWithSamlBody } from './assume-role-with-saml/assume-role-with-saml.response';
import { GetCallerIdentityHandler } from './get-caller-identity/get-caller-identity.handler';

/**
 * The STS actions this service performs for the gateway (in-process when embedded, over the
 * mutual-TLS ActionService when distributed). The gateway has verified the caller already;
 * AssumeRoleWithSAML/OIDC are anonymous: their proof is the assertion or token they carry.
 */
@Injectable()
export class IssuanceActions implements OnModuleInit {
  constructor(
    @Inject(ActionRegistry) private readonly registry: ActionRegistry,
    @Inject(AssumeRoleHandler) private readonly assumeRole: AssumeRoleHandler,
    @Inject(AssumeRoleWithSamlHandler) private readonly assumeRoleWithSaml: AssumeRoleWithSamlHandler,
    @Inject(AssumeRoleWithOidcHandler) private readonly assumeRoleWithOidc: AssumeRoleWithOidcHandler,
    @Inject(GetCallerIdentityHandler) private readonly getCallerIdentity: GetCallerIdentityHandler,
  ) {}

  onModuleInit(): void {
    this.registry.register('Sts', 'AssumeRole', (call) =>
      inRequest(call, async () => {
        if (!call.principal) throw Errors.missingCommonParameter('AccessKeyId');
        return assumeRoleBody(await this.assumeRole.execute({ caller: call.principal, params: call.params, context: call.context }));
      }),
    );
    this.registry.register('Sts', 'AssumeRoleWithSAML', (call) =>
      inRequest(call, async () => assumeRoleWithSamlBody(await this.assumeRoleWithSaml.execute({ params: call.params, context: call.context }))),
    );
    this.registry.register('Sts', 'AssumeRoleWithOIDC', (call) =>
      inRequest(call, async () => assumeRoleWithOidcBody(await this.assumeRoleWithOidc.execute({ params: call.params, context: call.context }))),
    );
    this.registry.register('Sts', 'GetCallerIdentity', async (call) => this.getCallerIdentity.execute(call.principal));
  }
}

/** Events emitted while handling carry the RequestId the client will see, however the call came in. */
function inRequest(call: ActionCall, work: () => Promise<ActionBody>): Promise<ActionBody> {
  const current = RequestContextStore.current();
  return current?.requestId === call.context.requestId ? work() : RequestContextStore.run({ ...current, requestId: call.context.requestId }, work);
}
