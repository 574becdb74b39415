import { ChangeMarker, isNewer, ViewChange, ViewKind } from './view-change';
import { ViewKeys } from './view-keys';

export interface ViewRecord {
  marker: ChangeMarker;
  /** Tombstones are kept so a late, older upsert cannot resurrect a deleted entity. */
  deleted: boolean;
  data: Record<string, unknown>;
}

/**
 * The in-memory copy of the access view: every record by kind and key, plus the secondary
 * indexes lookups need (names, attachments per principal). Applying a change is idempotent and
 * order-safe (older markers are ignored).
 */
export class AccessIndex {
  private readonly records = new Map<ViewKind, Map<string, ViewRecord>>();
  /**
   * Live records claiming each name. Usually one; two while the retirement of the previous holder
   * (delete, rename), an event of another aggregate and so possibly of another partition, is late.
   */
  private readonly names = new Map<'user' | 'role', Map<string, Set<string>>>([['user', new Map()], ['role', new Map()]]);
  private readonly attachmentsByPrincipal = new Map<string, Set<string>>();
  /** Bumped on every change that can alter someone's effective policies. */
  generation = 0;

  apply(change: ViewChange, marker: ChangeMarker): boolean {
    const table = this.table(change.kind);
    const current = table.get(change.key);
    if (!isNewer(marker, current?.marker)) return false;
    const merge = change.data?.$merge === true;
    const data = change.data ? (merge ? { ...(current?.data ?? {}), ...change.data } : { ...change.data }) : (current?.data ?? {});
    delete data.$merge;
    const next: ViewRecord = { marker, deleted: change.data === undefined, data };
    table.set(change.key, next);
    this.reindex(change.kind, change.key, current, next);
    return true;
  }

  get(kind: ViewKind, key: string): ViewRecord | undefined {
    const r = this.records.get(kind)?.get(key);
    return r && !r.deleted ? r : undefined;
  }

  /** Including tombstones: "was deleted" differs from "never seen yet". */
  getAny(kind: ViewKind, key: string): ViewRecord | undefined {
    return this.records.get(kind)?.get(key);
  }

  /** Of several holders, the one changed last: the other's retirement has not arrived yet. */
  idByName(kind: 'user' | 'role', accountId: string, name: string): string | undefined {
    const holders = this.names.get(kind)!.get(ViewKeys.nameKey(accountId, name));
    if (holders === undefined) return undefined;
    let best: string | undefined;
    let bestEventId = '';
    for (const key of holders) {
      const eventId = this.records.get(kind)?.get(key)?.marker.eventId ?? '';
      if (best === undefined || eventId > bestEventId) [best, bestEventId] = [key, eventId];
    }
    return best;
  }

  attachmentsOf(accountId: string, type: 'User' | 'Role', principalId: string): ViewRecord[] {
    const keys = this.attachmentsByPrincipal.get(ViewKeys.principal(accountId, type, principalId));
    return keys ? [...keys].map((k) => this.get('attachment', k)).filter((r): r is ViewRecord => r !== undefined) : [];
  }

  count(kind: ViewKind): number {
    let n = 0;
    for (const r of this.records.get(kind)?.values() ?? []) if (!r.deleted) n++;
    return n;
  }

  private table(kind: ViewKind): Map<string, ViewRecord> {
    let t = this.records.get(kind);
    if (!t) this.records.set(kind, (t = new Map()));
    return t;
  }

  private reindex(kind: ViewKind, key: string, before: ViewRecord | undefined, after: ViewRecord): void {
    if (kind === 'user' || kind === 'role') {
      const names = this.names.get(kind)!;
      const nameField = kind === 'user' ? 'userName' : 'roleName';
      if (before && !before.deleted) {
        const name = ViewKeys.nameKey(String(before.data.accountId), String(before.data[nameField]));
        const holders = names.get(name);
        holders?.delete(key);
        if (holders?.size === 0) names.delete(name);
      }
      if (!after.deleted) {
        const name = ViewKeys.nameKey(String(after.data.accountId), String(after.data[nameField]));
        const holders = names.get(name);
        if (holders) holders.add(key);
        else names.set(name, new Set([key]));
      }
      if (kind === 'role') this.generation++;
    } else if (kind === 'attachment') {
      const d = after.data;
      if (d.principalType === undefined) return; // a detach of an attachment this view never saw
      const principal = ViewKeys.principal(String(d.accountId), d.principalType as 'User' | 'Role', String(d.principalId));
      let set = this.attachmentsByPrincipal.get(principal);
      if (!set) this.attachmentsByPrincipal.set(principal, (set = new Set()));
      if (after.deleted) set.delete(key);
      else set.add(key);
      this.generation++;
    } else if (kind === 'policy') {
      this.generation++;
    }
  }
}
