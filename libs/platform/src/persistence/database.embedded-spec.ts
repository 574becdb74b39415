import { CounterEntity, embeddedTestConfig, openTestDatabase } from '../../test/outbox-harness';
import { Database } from './database';

describe(`${Database.name} on SQLite`, () => {
  let sut: Database;
  const count = () => sut.manager.count(CounterEntity);
  const insert = (key: string) => () => sut.prepare('INSERT INTO counter (key, applied) VALUES (?, 1)').run(key);

  beforeEach(async () => (sut = await openTestDatabase(embeddedTestConfig())));
  afterEach(() => sut.dataSource.destroy());

  it('runs a synchronous write at once when the connection is free, committed when the promise settles', async () => {
    const written = sut.writeSync(insert('a'));
    expect(sut.sqlite.inTransaction).toBe(false);
    await written;
    expect(await count()).toBe(1);
  });

  it('rolls a synchronous write back entirely when it throws', async () => {
    await expect(
      sut.writeSync(() => {
        insert('a')();
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await count()).toBe(0);
  });

  it('waits for a TypeORM transaction in flight and never joins it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const doomed = sut.transaction(async (m) => {
      await m.query("INSERT INTO counter (key, applied) VALUES ('doomed', 1)");
      await gate;
      throw new Error('rollback');
    });
    const queued = sut.writeSync(insert('queued'));
    await new Promise((r) => setTimeout(r, 20));
    release();
    await expect(doomed).rejects.toThrow('rollback');
    await queued;
    expect((await sut.manager.find(CounterEntity)).map((r) => r.key)).toEqual(['queued']);
  });

  it('compiles a statement once per SQL text', () => {
    expect(sut.prepare('SELECT 1')).toBe(sut.prepare('SELECT 1'));
  });
});
