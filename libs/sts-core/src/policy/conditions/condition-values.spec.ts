import { parseBool, parseDate, parseNumber } from './condition-values';

describe('condition value parsers', () => {
  describe(parseDate.name, () => {
    it.each([
      ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
      ['2012-11-11T23:59:59Z', Date.UTC(2012, 10, 11, 23, 59, 59)],
      ['2024-06-01', Date.UTC(2024, 5, 1)],
      ['2024-06-01T12:00', Date.UTC(2024, 5, 1, 12)],
      ['2024-06-01T12:00:00.5Z', Date.UTC(2024, 5, 1, 12, 0, 0, 500)],
      ['2024-06-01T12:00:00.123456789Z', Date.UTC(2024, 5, 1, 12, 0, 0, 123)],
      ['2024-06-01T20:00:00+08:00', Date.UTC(2024, 5, 1, 12)],
      ['2024-06-01T20:00:00+0800', Date.UTC(2024, 5, 1, 12)],
      ['2024-06-01T07:30:00-04:30', Date.UTC(2024, 5, 1, 12)],
      ['0099-01-01T00:00:00Z', new Date('0099-01-01T00:00:00Z').getTime()],
    ])('%s', (text, expected) => {
      expect(parseDate(text)).toBe(expected);
    });

    it.each(['2023-02-29', '2024-13-01', '2024-06-31', '2024-06-01T24:00:00Z', '2024-06-01T12:60:00Z', '2024', '1717243200', 'June 1 2024', '2024-06-01T12:00:00+24:00', ''])(
      'refuses %j',
      (text) => {
        expect(parseDate(text)).toBeNaN();
      },
    );
  });

  describe(parseNumber.name, () => {
    it.each([['42', 42], ['-1.5', -1.5], ['+3', 3], ['.5', 0.5], ['1e3', 1000]])('%s', (text, expected) => {
      expect(parseNumber(text)).toBe(expected);
    });

    it.each(['', ' 1', '0x10', '1_000', 'Infinity', '1e999', 'NaN', '1,5'])('refuses %j', (text) => {
      expect(parseNumber(text)).toBeNaN();
    });
  });

  describe(parseBool.name, () => {
    it('reads true/false in any case and nothing else', () => {
      expect([parseBool('true'), parseBool('FALSE'), parseBool('True')]).toEqual([true, false, true]);
      expect([parseBool('1'), parseBool('yes'), parseBool(''), parseBool('truee')]).toEqual([undefined, undefined, undefined, undefined]);
    });
  });
});
