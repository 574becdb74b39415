/**
 * The two timestamp shapes clients send in `Timestamp` / `x-acs-date`: `YYYY-MM-DDTHH:MM:SSZ`
 * (most SDKs) and `YYYY-MM-DDTHH:MM:SS.sssZ` (sts-sdk, ali-oss). Anything else — offsets, other
 * fraction lengths, lowercase `t`/`z`, impossible dates — is InvalidTimeStamp.Format. Parsed by
 * hand because `Date.parse` accepts far more than that and normalises impossible dates.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Epoch milliseconds, or `undefined` when `s` is not one of the two accepted shapes. */
export function parseAcsTimestamp(s: string): number | undefined {
  const n = s.length;
  if (n !== 20 && n !== 24) return undefined;
  if (
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(n - 1) !== 90 // Z
  ) {
    return undefined;
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  let millis = 0;
  if (n === 24) {
    if (s.charCodeAt(19) !== 46) return undefined; // .
    millis = digits(s, 20, 3);
  }
  if (year < 0 || millis < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const maxDay = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day > maxDay) return undefined;
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC maps years 0–99 onto 1900–1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the shape every SDK accepts. */
export function formatAcsTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19) + 'Z';
}
