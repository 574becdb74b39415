/**
 * The baseline: a bare @grpc/grpc-js server with the same service definition, the same mutual
 * TLS and the same message types as token-issuance, answering every call with a canned response
 * of realistic size and doing nothing else. Run as its own process (forked by the benchmarks).
 */
import { readFileSync } from 'node:fs';
import { Server, ServerCredentials, ServerUnaryCall, sendUnaryData, UntypedServiceImplementation } from '@grpc/grpc-js';
import { opensts } from '../../libs/grpc-api/src';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const canned: Record<string, unknown> = {
  assumeRole: {
    requestId: '6894B13B-6D71-4EF5-88FA-F32781734A7F',
    credentials: { accessKeyId: 'STS.L4aBSCSJVMuKg5U1xxxxAbCd', accessKeySecret: 'x'.repeat(40), securityToken: 'T'.repeat(240), expiration: '2026-11-28T12:00:00Z' },
    assumedRoleUser: { arn: 'acs:ram::1234567890123456:role/Deployer/bench', assumedRoleId: '3234567890123456781:bench' },
    sourceIdentity: '',
  },
  verifyRequest: {
    result: {
      $case: 'principal',
      value: {
        type: opensts.PrincipalType.PRINCIPAL_TYPE_ASSUMED_ROLE,
        accountId: '1234567890123456',
        arn: 'acs:ram::1234567890123456:assumed-role/Deployer/bench',
        principalId: '3234567890123456781:bench',
        userId: '',
        userName: '',
        accessKeyId: 'STS.L4aBSCSJVMuKg5U1xxxxAbCd',
        session: {
          accessKeyId: 'STS.L4aBSCSJVMuKg5U1xxxxAbCd',
          roleId: '3234567890123456781',
          roleName: 'Deployer',
          roleArn: 'acs:ram::1234567890123456:role/Deployer',
          roleSessionName: 'bench',
          sourceIdentity: '',
          issuedAt: '2026-11-28T11:00:00Z',
          expiration: '2026-11-28T12:00:00Z',
          sessionPolicy: '',
          callerArn: 'acs:ram::1234567890123456:user/alice',
          mechanism: 'AssumeRole',
          callerType: 'RAMUser',
          accountId: '1234567890123456',
        },
      },
    },
  },
};

const implementation: UntypedServiceImplementation = {};
for (const method of Object.keys(opensts.TokenServiceService)) {
  implementation[method] = (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => cb(null, canned[method] ?? {});
}

const server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024, 'grpc.keepalive_permit_without_calls': 1 });
server.addService(opensts.TokenServiceService, implementation);
const credentials = ServerCredentials.createSsl(readFileSync(env('STS_TLS_CA_FILE')), [{ cert_chain: readFileSync(env('STS_TLS_CERT_FILE')), private_key: readFileSync(env('STS_TLS_KEY_FILE')) }], true);
server.bindAsync(`127.0.0.1:${env('ECHO_PORT')}`, credentials, (err) => {
  if (err) throw err;
  process.send?.('ready');
});
