import { compileWildcard, hasWildcard, type WildcardMatcher } from './wildcard.matcher';

/**
 * The Action / NotAction list of one statement, matched case-insensitively (ram-policy.md §2).
 * Patterns are bucketed by service: literal actions go in a Set, `ecs:Describe*` under `ecs`, and
 * only patterns with a wildcard in the service part (`*:Get*`) are tried against every request.
 * `services` tells the policy compiler which buckets this statement can ever match.
 */
export interface RequestedAction {
  /** Lowercased `service:name`. */
  readonly full: string;
  readonly service: string;
  readonly name: string;
  /** false for a malformed action without `service:`; only `*` matches it. */
  readonly qualified: boolean;
}

export function splitAction(action: string): RequestedAction {
  const full = action.toLowerCase();
  const colon = full.indexOf(':');
  if (colon < 0) return { full, service: '', name: full, qualified: false };
  return { full, service: full.slice(0, colon), name: full.slice(colon + 1), qualified: true };
}

export class ActionMatcher {
  /** true when some pattern can match any service (`*`, `*:Get*`). */
  readonly anyService: boolean;
  readonly services: ReadonlySet<string>;
  private readonly all: boolean;
  private readonly literals = new Set<string>();
  private readonly byService = new Map<string, WildcardMatcher[]>();
  private readonly wildServices: Array<{ service: WildcardMatcher; name: WildcardMatcher }> = [];

  constructor(patterns: readonly string[]) {
    let all = false;
    for (const raw of patterns) {
      const pattern = raw.toLowerCase();
      if (pattern === '*') {
        all = true;
        continue;
      }
      const { service, name } = splitAction(pattern);
      if (hasWildcard(service)) {
        this.wildServices.push({ service: compileWildcard(service), name: compileWildcard(name) });
      } else if (!hasWildcard(name)) {
        this.literals.add(pattern);
      } else {
        const bucket = this.byService.get(service) ?? [];
        bucket.push(compileWildcard(name));
        this.byService.set(service, bucket);
      }
    }
    this.all = all;
    this.anyService = all || this.wildServices.length > 0;
    this.services = new Set([...this.byService.keys(), ...[...this.literals].map((a) => splitAction(a).service)]);
  }

  matches(action: RequestedAction): boolean {
    if (this.all || this.literals.has(action.full)) return true;
    if (!action.qualified) return false;
    const bucket = this.byService.get(action.service);
    if (bucket !== undefined) {
      for (const m of bucket) if (m.matches(action.name)) return true;
    }
    for (const w of this.wildServices) if (w.service.matches(action.service) && w.name.matches(action.name)) return true;
    return false;
  }
}
