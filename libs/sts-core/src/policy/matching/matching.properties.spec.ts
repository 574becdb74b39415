import fc from 'fast-check';
import { ActionMatcher, splitAction } from './action.matcher';
import { ResourceMatcher, splitResource } from './resource.matcher';
import { actionPattern, authorizationRequest, resourcePattern } from '../testing/policy.arbitraries';

/** Reference glob: a regular expression built from the pattern (fine for these tiny inputs). */
const globToRegExp = (pattern: string, flags = '') =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\/-]/g, '\\$&').replace(/\*/g, '[^]*').replace(/\?/g, '[^]')}$`, flags);

function referenceResourceMatch(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  const split = (arn: string) => {
    const parts = arn.split(':');
    return [...parts.slice(0, 4), parts.slice(4).join(':')];
  };
  const p = split(pattern);
  const r = split(resource);
  const foldRelative = r[1].toLowerCase() === 'ram';
  return [1, 2, 3, 4].every((i) => globToRegExp(p[i], i < 4 || foldRelative ? 'i' : '').test(r[i]));
}

describe('matching properties', () => {
  it('action matching agrees with a case-insensitive whole-string glob', () => {
    fc.assert(
      fc.property(fc.array(actionPattern, { minLength: 1, maxLength: 3 }), authorizationRequest, (patterns, { action }) => {
        const expected = patterns.some((p) => globToRegExp(p, 'i').test(action));
        expect(new ActionMatcher(patterns).matches(splitAction(action))).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('resource matching agrees with a segment-wise glob using the case rules', () => {
    fc.assert(
      fc.property(fc.array(resourcePattern, { minLength: 1, maxLength: 3 }), authorizationRequest, (patterns, { resource }) => {
        const expected = patterns.some((p) => referenceResourceMatch(p, resource));
        expect(new ResourceMatcher(patterns).matches(splitResource(resource))).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
