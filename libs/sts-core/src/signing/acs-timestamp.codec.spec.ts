import fc from 'fast-check';
import { formatAcsTimestamp, parseAcsTimestamp } from './acs-timestamp.codec';

describe(parseAcsTimestamp.name, () => {
  const sut = parseAcsTimestamp;

  it.each([
    ['2026-11-28T07:23:42Z', Date.UTC(2026, 10, 28, 7, 23, 42)],
    ['2026-11-28T07:21:06.509Z', Date.UTC(2026, 10, 28, 7, 21, 6, 509)],
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['0099-01-01T00:00:00Z', new Date('0099-01-01T00:00:00Z').getTime()],
  ])('accepts %s', (input, expected) => {
    expect(sut(input)).toBe(expected);
  });

  it.each([
    '',
    '2026-11-28T07:23:42',
    '2026-11-28 07:23:42Z',
    '2026-11-28t07:23:42z',
    '2026-11-28T07:23:42+00:00',
    '2026-11-28T07:23:42.5Z',
    '2026-11-28T07:23:42.123456Z',
    '2026-11-28T07:23:42,509Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-11-28T24:00:00Z',
    '2026-11-28T07:60:00Z',
    '2026-11-28T07:23:60Z',
    '+26-11-28T07:23:42Z',
    '2026-1a-28T07:23:42Z',
    '1480000000',
  ])('refuses %j', (input) => {
    expect(sut(input)).toBeUndefined();
  });

  it('agrees with Date on every accepted instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(sut(d.toISOString())).toBe(d.getTime());
        expect(sut(formatAcsTimestamp(d))).toBe(Math.floor(d.getTime() / 1000) * 1000);
      }),
    );
  });
});

describe(formatAcsTimestamp.name, () => {
  it('drops the milliseconds', () => {
    expect(formatAcsTimestamp(new Date('2026-11-28T07:21:06.509Z'))).toBe('2026-11-28T07:21:06Z');
  });
});
