import { isValidName, NAME_RULES, type NamedEntity } from '@opensts/sts-core/arn';
import { Errors, RamErrors } from '@opensts/sts-core/errors';

/**
 * Parameter rules of the directory (ram-api.md §2, §4). Length is checked before characters, so a
 * long name with bad characters reports `.Length` like the documented validation order.
 */
export function checkName(param: string, entity: NamedEntity, value: string): string {
  const rule = NAME_RULES[entity];
  if ([...value].length < rule.min || [...value].length > rule.max) throw Errors.invalidParameterLength(param);
  if (!isValidName(entity, value)) throw Errors.invalidParameterChars(param);
  return value;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
/** Control characters but tab and line breaks, which a description or a comment may have. */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Free text of 1..max characters without control characters; `lines` (descriptions, comments)
 * allows tabs and line breaks, which the spec does not forbid and policies' descriptions accept.
 */
export function checkText(param: string, value: string | undefined, max: number, { lines = false } = {}): string | undefined {
  if (value === undefined) return undefined;
  if ([...value].length > max) throw Errors.invalidParameterLength(param);
  if ((lines ? CONTROL_BUT_LINES : CONTROL).test(value)) throw Errors.invalidParameterChars(param);
  return value;
}

/** `<country code>-<number>`, e.g. `86-18600008888`. */
export function checkMobilePhone(param: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,4}-[0-9]{4,20}$/.test(value)) throw Errors.invalidParameterFormat(param);
  return value;
}

export function checkEmail(param: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > 128 || !/^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(value)) throw Errors.invalidParameterFormat(param);
  return value;
}

export const MAX_SESSION_DURATION = { min: 3600, max: 43200, fallback: 3600 } as const;

export function checkMaxSessionDuration(param: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[0-9]{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= MAX_SESSION_DURATION.min && n <= MAX_SESSION_DURATION.max)) throw RamErrors.invalid(param);
  return n;
}
