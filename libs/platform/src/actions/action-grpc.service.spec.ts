import { Metadata, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { internal, opensts } from '@opensts/grpc-api';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../config';
import { RequestContextStore } from '../logging';
import type { GrpcServerHost } from '../grpc';
import { ActionGrpcService } from './action-grpc.service';
import { ActionRegistry } from './action.registry';

type Call = ServerUnaryCall<internal.InvokeRequest, internal.InvokeResponse>;

/** The served `invoke` of an ActionGrpcService configured with `tls`, as the gRPC server would call it. */
function serve(tls: 'tls' | 'mtls', registry: ActionRegistry) {
  let implementation: UntypedServiceImplementation | undefined;
  const host = { addService: (_d: unknown, impl: UntypedServiceImplementation) => (implementation = impl) } as unknown as GrpcServerHost;
  new ActionGrpcService(loadConfig({ STS_MODE: 'distributed', STS_GRPC_TLS: tls, STS_MASTER_KEY: 'x' }), registry, host).onModuleInit();
  return (request: Partial<internal.InvokeRequest>, peerCn?: string): Promise<internal.InvokeResponse> =>
    new Promise((resolve, reject) => {
      const call = {
        request: { product: 'Ram', action: 'CreateAccessKey', version: '2015-05-01', params: {}, ...request },
        getAuthContext: () => ({ sslPeerCertificate: peerCn === undefined ? undefined : { subject: { CN: peerCn } } }),
        metadata: new Metadata(),
      } as unknown as Call;
      const cb: sendUnaryData<internal.InvokeResponse> = (err, res) => (err ? reject(err) : resolve(res!));
      (implementation!.invoke as (c: Call, cb: sendUnaryData<internal.InvokeResponse>) => void)(call, cb);
    });
}

const forgedRoot: opensts.Principal = {
  type: opensts.PrincipalType.PRINCIPAL_TYPE_ACCOUNT,
  accountId: '1234567890123456',
  arn: 'acs:ram::1234567890123456:root',
  accessKeyId: 'LTAIforgedforgedforged00',
  userId: '',
  userName: '',
  principalId: '1234567890123456',
  session: undefined,
};

describe(ActionGrpcService.name, () => {
  let registry: ActionRegistry;
  let performed: string[];

  beforeEach(() => {
    performed = [];
    registry = new ActionRegistry();
    registry.register('Ram', 'CreateAccessKey', async (call) => {
      performed.push(`CreateAccessKey for ${call.principal?.accountId}`);
      return { AccessKey: { AccessKeySecret: 'minted' } };
    });
    registry.registerInternal('LookupPrincipal', ['policy'], async (call) => {
      performed.push(`LookupPrincipal by ${call.caller}`);
      return { Found: true };
    });
  });

  it('performs an action with a handed-over principal from the gateway over mutual TLS', async () => {
    const res = await serve('mtls', registry)({ principal: forgedRoot }, 'gateway');
    expect(res.result?.$case).toBe('jsonBody');
    expect(performed).toEqual(['CreateAccessKey for 1234567890123456']);
  });

  it('logs an unexpected failure under the RequestId the client was given, and answers InternalError with it', async () => {
    registry.register('Ram', 'DeleteUser', async () => Promise.reject(new Error('boom')));
    const logged: { message: string; requestId?: string }[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push({ message: String(message), requestId: RequestContextStore.current()?.requestId }));
    try {
      const context = { requestId: 'REQ-1', sourceIp: '10.0.0.1', secureTransport: true };
      const res = await serve('mtls', registry)({ action: 'DeleteUser', principal: forgedRoot, context }, 'gateway');
      expect(res.result).toMatchObject({ $case: 'error', value: { code: 'InternalError', requestId: 'REQ-1' } });
      expect(logged).toEqual([expect.objectContaining({ requestId: 'REQ-1', message: expect.stringContaining('boom') })]);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a handed-over principal from another service certificate', async () => {
    const res = await serve('mtls', registry)({ principal: forgedRoot }, 'audit');
    expect(res.result).toMatchObject({ $case: 'error', value: { code: 'Forbidden.RAM', httpStatus: 403 } });
    expect(performed).toEqual([]);
  });

  it('refuses a handed-over principal on a server-only TLS channel, where nobody is authenticated (ADR 0006)', async () => {
    const res = await serve('tls', registry)({ principal: forgedRoot });
    expect(res.result).toMatchObject({ $case: 'error', value: { code: 'Forbidden.RAM', httpStatus: 403 } });
    expect(performed).toEqual([]);
  });

  it('refuses internal actions on a server-only TLS channel instead of assuming the first allowed caller', async () => {
    const res = await serve('tls', registry)({ product: 'Internal', action: 'LookupPrincipal', params: { AccountId: '1234567890123456' } });
    expect(res.result).toMatchObject({ $case: 'error', value: { code: 'Forbidden.RAM', httpStatus: 403 } });
    expect(performed).toEqual([]);
  });

  it('runs an internal action for the mutual-TLS peer it names, and for no other', async () => {
    const sut = serve('mtls', registry);
    expect((await sut({ product: 'Internal', action: 'LookupPrincipal', params: {} }, 'policy')).result?.$case).toBe('jsonBody');
    expect((await sut({ product: 'Internal', action: 'LookupPrincipal', params: {} }, 'gateway')).result).toMatchObject({ $case: 'error', value: { code: 'Forbidden.RAM' } });
    expect(performed).toEqual(['LookupPrincipal by policy']);
  });
});
