import { compileWildcard, type WildcardMatcher } from './wildcard.matcher';

/**
 * The Resource list of one statement (ram-policy.md §3). ARNs are matched segment by segment, so a
 * `*` never swallows a `:` between service, region and account. `acs:<service>:<region>:<account>:`
 * is case-insensitive; the relative id is case-sensitive except for RAM, whose entity names are
 * unique regardless of case: matching `role/Admin` case-sensitively would let a request for
 * `role/ADMIN` (the same role) slip past a Deny. An empty request region matches a policy `*` because
 * `*` matches the empty string. A request resource that is not an ARN is matched only by `*`.
 */
export interface RequestedResource {
  readonly isArn: boolean;
  /** The following are lowercased; `relative` only when `foldRelative`. */
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly relative: string;
  readonly foldRelative: boolean;
}

const NOT_AN_ARN: RequestedResource = { isArn: false, service: '', region: '', account: '', relative: '', foldRelative: false };
const CASE_INSENSITIVE_SERVICES: ReadonlySet<string> = new Set(['ram']);

export function splitResource(resource: string): RequestedResource {
  const parts = splitArn(resource);
  if (parts === undefined) return NOT_AN_ARN;
  const service = parts[1].toLowerCase();
  const foldRelative = CASE_INSENSITIVE_SERVICES.has(service);
  return {
    isArn: true,
    service,
    region: parts[2].toLowerCase(),
    account: parts[3].toLowerCase(),
    relative: foldRelative ? parts[4].toLowerCase() : parts[4],
    foldRelative,
  };
}

/** `acs:<service>:<region>:<account>:<relative-id>`; the relative id may itself contain `:`. */
function splitArn(text: string): [string, string, string, string, string] | undefined {
  const c1 = text.indexOf(':');
  const c2 = text.indexOf(':', c1 + 1);
  const c3 = c2 < 0 ? -1 : text.indexOf(':', c2 + 1);
  const c4 = c3 < 0 ? -1 : text.indexOf(':', c3 + 1);
  if (c1 !== 3 || c4 < 0 || c4 === text.length - 1 || text.slice(0, 3).toLowerCase() !== 'acs') return undefined;
  return ['acs', text.slice(c1 + 1, c2), text.slice(c2 + 1, c3), text.slice(c3 + 1, c4), text.slice(c4 + 1)];
}

interface ResourcePattern {
  readonly service: WildcardMatcher;
  readonly region: WildcardMatcher;
  readonly account: WildcardMatcher;
  readonly relative: WildcardMatcher;
  readonly relativeFolded: WildcardMatcher;
}

export class ResourceMatcher {
  private readonly all: boolean;
  private readonly patterns: ResourcePattern[] = [];

  /** `patterns` passed the grammar check: each is `*` or a five-segment ARN. */
  constructor(patterns: readonly string[]) {
    this.all = patterns.includes('*');
    for (const pattern of patterns) {
      const parts = splitArn(pattern);
      if (parts === undefined) continue;
      this.patterns.push({
        service: compileWildcard(parts[1].toLowerCase()),
        region: compileWildcard(parts[2].toLowerCase()),
        account: compileWildcard(parts[3].toLowerCase()),
        relative: compileWildcard(parts[4]),
        relativeFolded: compileWildcard(parts[4].toLowerCase()),
      });
    }
  }

  matches(resource: RequestedResource): boolean {
    if (this.all) return true;
    if (!resource.isArn) return false;
    for (const p of this.patterns) {
      if (
        p.service.matches(resource.service) &&
        p.account.matches(resource.account) &&
        p.region.matches(resource.region) &&
        (resource.foldRelative ? p.relativeFolded : p.relative).matches(resource.relative)
      ) {
        return true;
      }
    }
    return false;
  }
}
