import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { embeddedTestConfig, openTestDatabase } from '../../test/outbox-harness';
import { InProcessEventBus } from '../bus/in-process-event-bus';
import type { Database } from '../persistence/database';
import { HealthHttpController } from './health.http.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness';

describe('/healthz and /readyz', () => {
  let app: NestFastifyApplication;
  let db: Database;
  let bus: InProcessEventBus;
  let base: string;

  beforeAll(async () => {
    db = await openTestDatabase(embeddedTestConfig());
    bus = new InProcessEventBus();
    await bus.start();
    const checks: ReadinessCheck[] = [
      { name: 'issuance', check: () => db.isReady() },
      { name: 'event-bus', check: () => bus.isReady() },
    ];
    const moduleRef = await Test.createTestingModule({ controllers: [HealthHttpController], providers: [{ provide: READINESS_CHECKS, useValue: checks }] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    if (db?.dataSource.isInitialized) await db.dataSource.destroy();
  });

  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('is ready while its database and bus answer', async () => {
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready', checks: { issuance: true, 'event-bus': true } } });
  });

  it('answers 503 naming the dependency that stopped answering, while /healthz stays 200', async () => {
    await db.dataSource.destroy();
    expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'not-ready', checks: { issuance: false, 'event-bus': true } } });
    expect((await get('/healthz')).status).toBe(200);
    await bus.stop();
    expect((await get('/readyz')).body.checks).toEqual({ issuance: false, 'event-bus': false });
  });
});
