import { Injectable } from '@nestjs/common';

/** The time token buckets refill by; a class so embedded tests can hold it still or move it (STYLE §3). */
@Injectable()
export class ThrottleClock {
  nowMs(): number {
    return Date.now();
  }
}
