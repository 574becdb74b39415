import { Database, GrpcServerHost } from '@opensts/platform';
import { startEmbeddedTokenService } from '../../test/embedded-token-service.harness';
import { NONCE_DATABASE } from '../../../../libs/access/src/access.constants';

jest.setTimeout(30_000);

/**
 * On shutdown the gRPC server drains before the databases close: a call still in flight during a
 * rolling restart must find its database and the replay cache open, not fail with InternalError.
 */
describe('token-issuance shutdown order', () => {
  it('stops serving gRPC before it closes the service database and the replay cache', async () => {
    const sut = await startEmbeddedTokenService();
    const order: string[] = [];
    const host = sut.app.get(GrpcServerHost);
    const drain = host.beforeApplicationShutdown.bind(host);
    jest.spyOn(host, 'beforeApplicationShutdown').mockImplementation(async () => {
      await drain();
      order.push('grpc drained');
    });
    for (const [label, db] of [['service database closed', sut.app.get(Database)], ['replay cache closed', sut.app.get<Database>(NONCE_DATABASE)]] as const) {
      const destroy = db.dataSource.destroy.bind(db.dataSource);
      jest.spyOn(db.dataSource, 'destroy').mockImplementation(async () => {
        order.push(label);
        await destroy();
      });
    }
    await sut.close();
    expect(order[0]).toBe('grpc drained');
    expect(order).toEqual(expect.arrayContaining(['service database closed', 'replay cache closed']));
  });
});
