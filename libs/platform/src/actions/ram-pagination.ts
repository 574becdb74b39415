import { RamErrors } from '@opensts/sts-core/errors';
import type { ActionParams } from './action-params';

/**
 * `Marker`/`MaxItems` paging of RAM list actions (ram-api.md §1). The marker is opaque to clients:
 * base64url of the sort key of the last item returned; the next page starts strictly after it.
 */
export interface PageRequest {
  after?: string;
  maxItems: number;
}

export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  marker?: string;
}

export function pageRequest(params: ActionParams, limits: { max: number; fallback: number } = { max: 1000, fallback: 100 }): PageRequest {
  const maxItems = params.int('MaxItems', { min: 1, max: limits.max }) ?? limits.fallback;
  const marker = params.optional('Marker');
  return { maxItems, after: marker === undefined ? undefined : decodeMarker(marker) };
}

export function encodeMarker(sortKey: string): string {
  return Buffer.from(`m1:${sortKey}`, 'utf8').toString('base64url');
}

export function decodeMarker(marker: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(marker) ? Buffer.from(marker, 'base64url').toString('utf8') : '';
  if (!text.startsWith('m1:')) throw RamErrors.invalid('Marker');
  return text.slice(3);
}

/** `rows` were fetched with `LIMIT maxItems + 1`: the extra row only says there is more. */
export function toPage<T>(rows: T[], request: PageRequest, sortKey: (row: T) => string): Page<T> {
  const isTruncated = rows.length > request.maxItems;
  const items = isTruncated ? rows.slice(0, request.maxItems) : rows;
  return { items, isTruncated, marker: isTruncated ? encodeMarker(sortKey(items[items.length - 1])) : undefined };
}

/** The RAM list body: `{ IsTruncated, Marker?, <Plural>: { <Singular>: [...] } }`. */
export function listBody<T>(plural: string, singular: string, page: Page<T>, map: (row: T) => Record<string, unknown>): Record<string, unknown> {
  return { IsTruncated: page.isTruncated, ...(page.marker ? { Marker: page.marker } : {}), [plural]: { [singular]: page.items.map(map) } };
}
