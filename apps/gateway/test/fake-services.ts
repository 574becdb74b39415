import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { ActionCall, ActionHandler, ActionRegistry, APP_CONFIG, AppConfig, loadTokenKeyRing } from '@opensts/platform';
import { Errors } from '@opensts/sts-core/errors';
import { newTemporaryAccessKeyId } from '@opensts/sts-core/ids';
import { callerIdentity } from '@opensts/sts-core/principal';
import { SecurityTokenCodec, sessionIdentity } from '@opensts/sts-core/token';
import { ACCOUNT, ROLE } from './directory.fixtures';

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Every call the fake services received, for assertions on what the gateway passed on. */
export const receivedCalls: ActionCall[] = [];

const slowCallWaiters: (() => void)[] = [];
/** Resolves when the next GetUser of "slow" has reached the fake service and is waiting there. */
export const slowCallEntered = (): Promise<void> => new Promise((resolve) => slowCallWaiters.push(resolve));

/**
 * Stand-ins for token-issuance and identity-directory: AssumeRole issues a real SecurityToken
 * (so the gateway can authenticate it afterwards), GetCallerIdentity echoes the verified
 * principal, RAM actions echo their parameters in Alibaba shapes.
 */
export function fakeHandlers(codec: SecurityTokenCodec): Record<string, ActionHandler> {
  return {
    'Sts:AssumeRole': async (call) => {
      if (call.principal?.type === 'Account') throw Errors.rootMayNotAssume();
      if (call.params.RoleArn !== `acs:ram::${ACCOUNT}:role/${ROLE.roleName}`) throw Errors.roleNotExist(call.params.RoleArn ?? '');
      const now = new Date(Math.floor(Date.now() / 1000) * 1000);
      const session = {
        accessKeyId: newTemporaryAccessKeyId(),
        mechanism: 'AssumeRole' as const,
        accountId: ACCOUNT,
        roleId: ROLE.roleId,
        roleName: ROLE.roleName,
        roleSessionName: call.params.RoleSessionName,
        caller: { type: call.principal!.type, arn: call.principal!.arn },
        issuedAt: now,
        expiresAt: new Date(now.getTime() + Number(call.params.DurationSeconds ?? 3600) * 1000),
      };
      const issued = codec.issue(session);
      const id = sessionIdentity(session);
      return {
        AssumedRoleUser: { Arn: id.assumedRoleUserArn, AssumedRoleId: id.assumedRoleId },
        Credentials: { SecurityToken: issued.securityToken, Expiration: iso(issued.expiration), AccessKeySecret: issued.accessKeySecret, AccessKeyId: issued.accessKeyId },
      };
    },
    'Sts:GetCallerIdentity': async (call) => callerIdentity(call.principal!),
    'Ram:CreateUser': async (call) => ({ User: { UserId: '219999999999999999', UserName: call.params.UserName, CreateDate: iso(new Date()) } }),
    'Ram:ListUsers': async () => ({ IsTruncated: false, Users: { User: [{ UserName: 'alice' }, { UserName: 'bob' }] } }),
    'Ram:GetUser': async (call) => {
      if (call.params.UserName === 'slow') {
        slowCallWaiters.splice(0).forEach((entered) => entered());
        await new Promise((r) => setTimeout(r, 800)); // a request still in flight at shutdown
      }
      return { User: { UserName: call.params.UserName } };
    },
    'Ram:CreateRole': async (call) => ({ Role: { RoleName: call.params.RoleName, AssumeRolePolicyDocument: call.params.AssumeRolePolicyDocument } }),
    'Ims:ListOIDCProviders': async () => ({ IsTruncated: false, OIDCProviders: { OIDCProvider: [] } }),
    'Ram:DeleteUser': async () => {
      throw new Error('database on fire');
    },
  };
}

@Injectable()
class FakeServicesRegistrar implements OnModuleInit {
  constructor(@Inject(ActionRegistry) private readonly registry: ActionRegistry, @Inject(APP_CONFIG) private readonly cfg: AppConfig) {}

  onModuleInit(): void {
    for (const [key, handler] of Object.entries(fakeHandlers(new SecurityTokenCodec(loadTokenKeyRing(this.cfg))))) {
      const [product, action] = key.split(':') as ['Sts' | 'Ram' | 'Ims', string];
      this.registry.register(product, action, (call) => {
        receivedCalls.push(call);
        return handler(call);
      });
    }
  }
}

@Module({ providers: [FakeServicesRegistrar] })
export class FakeServicesModule {}
