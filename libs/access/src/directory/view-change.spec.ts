import { isNewer, type ChangeMarker } from './view-change';

const id = (n: number) => `0190b4c0-0000-7000-8000-${String(n).padStart(12, '0')}`; // UUIDv7-shaped, ordered by n

describe(isNewer.name, () => {
  const current: ChangeMarker = { aggregateVersion: 3, eventId: id(5), aggregateId: 'pol-1' };

  it('orders one aggregate by its version, whatever the event ids say (another instance’s clock)', () => {
    expect(isNewer({ aggregateVersion: 4, eventId: id(1), aggregateId: 'pol-1' }, current)).toBe(true);
    expect(isNewer({ aggregateVersion: 2, eventId: id(9), aggregateId: 'pol-1' }, current)).toBe(false);
  });

  it('orders a new aggregate under the same name by event id: a re-created policy counts from version 1 again', () => {
    expect(isNewer({ aggregateVersion: 1, eventId: id(9), aggregateId: 'pol-2' }, current)).toBe(true);
    expect(isNewer({ aggregateVersion: 9, eventId: id(1), aggregateId: 'pol-2' }, current)).toBe(false);
  });

  it('orders by event id against a record stored before aggregate ids were kept: a re-created one is not hidden by the old version', () => {
    const legacy: ChangeMarker = { aggregateVersion: 3, eventId: id(5) };
    expect(isNewer({ aggregateVersion: 1, eventId: id(9), aggregateId: 'pol-2' }, legacy)).toBe(true);
    expect(isNewer({ aggregateVersion: 2, eventId: id(4), aggregateId: 'pol-1' }, legacy)).toBe(false); // a late replay of older state
  });
});
