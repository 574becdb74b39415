import { Injectable } from '@nestjs/common';
import { Errors } from '@opensts/sts-core/errors';
import { CallerPrincipal, callerIdentity } from '@opensts/sts-core/principal';

/** GetCallerIdentity (sts-api.md §6.1): who signed; any identity may ask, no permission needed. */
@Injectable()
export class GetCallerIdentityHandler {
  execute(caller: CallerPrincipal | undefined): Record<string, string> {
    if (!caller) throw Errors.missingCommonParameter('AccessKeyId');
    return callerIdentity(caller);
  }
}
