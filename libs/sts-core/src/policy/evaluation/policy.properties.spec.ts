import fc from 'fast-check';
import { evaluateIdentity, evaluatePolicySet } from './policy.evaluator';
import { compilePolicy, type CompiledPolicy } from './compiled-policy';
import { prepareRequest } from './prepared-request';
import { authorizationRequest, documentFor } from '../testing/policy.arbitraries';
import { identityPolicy } from '../testing/policy.fixtures';

const policies = fc.array(documentFor('identity'), { minLength: 0, maxLength: 4 }).map((docs) => docs.map((d, i) => compilePolicy(d, `p${i}`)));
const session = documentFor('session').map((d) => compilePolicy(d, 'session'));

/** Reference: every statement in document order, no service buckets. */
function naiveEvaluate(set: readonly CompiledPolicy[], request: Parameters<typeof prepareRequest>[0]) {
  const { action, resource, context } = prepareRequest(request);
  const all = set.flatMap((p) => p.statements);
  const deny = all.find((s) => s.effect === 'Deny' && s.appliesTo(action, resource, context));
  const allow = all.find((s) => s.effect === 'Allow' && s.appliesTo(action, resource, context));
  return (deny ?? allow)?.result ?? { decision: 'ImplicitDeny' };
}

describe('policy evaluation properties', () => {
  it('adding a session policy never turns a Deny (explicit or implicit) into an Allow', () => {
    fc.assert(
      fc.property(policies, session, authorizationRequest, (identityPolicies, sessionPolicy, request) => {
        const without = evaluateIdentity({ identityPolicies }, request);
        const withSession = evaluateIdentity({ identityPolicies, sessionPolicy }, request);
        if (without.decision !== 'Allow') expect(withSession.decision).not.toBe('Allow');
        if (without.decision === 'ExplicitDeny') expect(withSession.decision).toBe('ExplicitDeny');
      }),
      { numRuns: 2000 },
    );
  });

  it('an explicit Deny is never overridden by any number of Allows, wherever they sit', () => {
    fc.assert(
      fc.property(
        policies,
        authorizationRequest,
        fc.nat({ max: 12 }),
        fc.nat(),
        fc.boolean(),
        (others, request, allowCount, position, denyByWildcard) => {
          const deny = identityPolicy('deny', { Effect: 'Deny', Action: denyByWildcard ? '*' : request.action, Resource: '*' });
          const allows = Array.from({ length: allowCount }, (_, i) => identityPolicy(`allow${i}`, { Effect: 'Allow', Action: '*', Resource: '*' }));
          const set = [...others, ...allows];
          set.splice(position % (set.length + 1), 0, deny);
          expect(evaluatePolicySet(set, request).decision).toBe('ExplicitDeny');
          const allowAllSession = identityPolicy('s', { Effect: 'Allow', Action: '*', Resource: '*' });
          expect(evaluateIdentity({ identityPolicies: set, sessionPolicy: allowAllSession }, request).decision).toBe('ExplicitDeny');
        },
      ),
      { numRuns: 800 },
    );
  });

  it('the service-bucket index gives the same answer as visiting every statement', () => {
    fc.assert(
      fc.property(policies, authorizationRequest, (set, request) => {
        expect(evaluatePolicySet(set, request)).toEqual(naiveEvaluate(set, request));
      }),
      { numRuns: 2000 },
    );
  });

  it('the decision does not depend on the order of the policies, except for which statement is named', () => {
    fc.assert(
      fc.property(policies, authorizationRequest, (set, request) => {
        const reversed = [...set].reverse();
        expect(evaluatePolicySet(reversed, request).decision).toBe(evaluatePolicySet(set, request).decision);
      }),
      { numRuns: 1000 },
    );
  });
});
