import { RamErrors } from '@opensts/sts-core/errors';

/**
 * Typed reads of an action's business parameters (all strings on the wire) with the RAM error
 * codes: absent or empty required → `Missing<Name>`, not an integer / out of range / not one of
 * the allowed values → `InvalidParameter.<Name>`.
 */
export class ActionParams {
  constructor(private readonly params: Readonly<Record<string, string>>) {}

  has(name: string): boolean {
    return this.optional(name) !== undefined;
  }

  /** The value, or undefined when absent or empty (RPC clients send empty optional params). */
  optional(name: string): string | undefined {
    const value = Object.prototype.hasOwnProperty.call(this.params, name) ? this.params[name] : undefined;
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw RamErrors.missing(name);
    return value;
  }

  int(name: string, range: { min: number; max: number }): number | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    if (!/^-?[0-9]{1,15}$/.test(raw.trim())) throw RamErrors.invalid(name);
    const n = Number(raw.trim());
    if (n < range.min || n > range.max) throw RamErrors.invalid(name);
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (raw !== 'true' && raw !== 'false') throw RamErrors.invalid(name);
    return raw === 'true';
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback?: T): T | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const found = values.find((v) => v === raw);
    if (found === undefined) throw RamErrors.invalid(name);
    return found;
  }
}

/** Dates on the RAM wire: ISO-8601 UTC without milliseconds (`2026-11-28T10:00:00Z`). */
export function ramDate(d: Date = new Date()): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
