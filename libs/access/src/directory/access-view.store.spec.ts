import { SecretBox } from '@opensts/sts-core/crypto';
import type { Database } from '@opensts/platform';
import { events, masterRing } from '../../test/access-fixtures';
import { AccessIndex } from './access-index';
import { AccessViewStore } from './access-view.store';
import { DirectoryView } from './directory-view';

describe(AccessViewStore.name, () => {
  it('acts on an event in memory before, and whatever, the shared database does with it', async () => {
    // a database whose transaction never ends: another instance's uncommitted inbox row for the same event
    const stuck = { kind: 'postgres', transaction: () => new Promise<never>(() => undefined) } as unknown as Database;
    const index = new AccessIndex();
    const box = new SecretBox(masterRing());
    const view = new DirectoryView(index, box);
    const sut = new AccessViewStore(stuck, index, 'gateway-access-a');
    void sut.apply(events.rootKey(box, 'LTAIrevoked', 's'));
    expect(view.accessKey('LTAIrevoked')?.status).toBe('Active');

    void sut.apply(events.keyDeleted('LTAIrevoked'));
    expect(view.accessKey('LTAIrevoked')).toBeUndefined();
  });
});
