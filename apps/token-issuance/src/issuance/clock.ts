/** The time decisions are made at; a class so handler tests can pin it (STYLE §3). */
export class Clock {
  now(): Date {
    return new Date();
  }
}
