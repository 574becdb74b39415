import { Inject, Injectable } from '@nestjs/common';
import { CountPrincipalAttachmentsResult, DirectoryPrincipalType, InternalActionClient } from '@opensts/platform';
import { Errors, StsError } from '@opensts/sts-core/errors';
import { DIRECTORY_POLICY_CLIENT } from '../../identity-directory.constants';

/**
 * Asks the policy service, synchronously, how many policies are attached to a user or role right
 * before it is deleted (ADR 0007). Fails closed: no answer means no delete.
 */
@Injectable()
export class PolicyAttachmentsClient {
  constructor(@Inject(DIRECTORY_POLICY_CLIENT) private readonly client: InternalActionClient) {}

  async count(accountId: string, principalType: DirectoryPrincipalType, principalId: string): Promise<number> {
    try {
      const body = (await this.client.call('policy', 'CountPrincipalAttachments', { AccountId: accountId, PrincipalType: principalType, PrincipalId: principalId })) as unknown as CountPrincipalAttachmentsResult;
      if (typeof body.Count !== 'number') throw Errors.serviceUnavailable();
      return body.Count;
    } catch (err) {
      if (StsError.is(err) && err.code === 'ServiceUnavailable') throw err;
      // the policy service is absent or misbehaving: refuse rather than delete blind
      throw Errors.serviceUnavailable();
    }
  }
}
