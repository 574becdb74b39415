import fc from 'fast-check';
import type { ConditionBlock, PolicyDocument, PolicyKind, PolicyStatement } from '../grammar/policy-document.types';
import { CONDITION_OPERATORS, OPERATOR_NAMES, type ConditionOperator } from '../conditions/condition-operators';

/** fast-check generators for grammatically valid policy documents (property tests only). */
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'G', 'e', 't', '*', '?'), minLength: 1, maxLength: 6 });

export const actionPattern = fc.oneof(
  fc.constant('*'),
  fc.tuple(fc.constantFrom('ecs', 'ram', 'sts', 'oss', '*', 'e?s'), word).map(([s, n]) => `${s}:${n}`),
);

export const resourcePattern = fc.oneof(
  fc.constant('*'),
  fc
    .tuple(fc.constantFrom('ecs', 'ram', '*'), fc.constantFrom('', '*', 'cn-hangzhou'), fc.constantFrom('*', '123'), word)
    .map(([s, r, a, rel]) => `acs:${s}:${r}:${a}:${rel}`),
);

const valueFor = (operator: ConditionOperator): fc.Arbitrary<string> => {
  switch (CONDITION_OPERATORS[operator].type) {
    case 'numeric':
      return fc.integer({ min: -1000, max: 1000 }).map(String);
    case 'date':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'bool':
      return fc.constantFrom('true', 'false', 'TRUE');
    case 'ip':
      return fc.oneof(fc.ipV4(), fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, p]) => `${ip}/${p}`), fc.ipV6());
    default:
      return fc.string({ unit: 'binary', maxLength: 8 });
  }
};

const conditionBlock: fc.Arbitrary<ConditionBlock> = fc.constantFrom(...OPERATOR_NAMES).chain((operator) =>
  fc.record({
    operator: fc.constant(operator),
    entries: fc.uniqueArray(
      fc.record({
        key: fc.constantFrom('acs:SourceIp', 'sts:ExternalId', 'oidc:sub', 'x:y', 'acs:ResourceTag/env'),
        values: fc.array(valueFor(operator), { minLength: 1, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 3, selector: (e) => e.key },
    ),
  }),
);

const conditions = fc.uniqueArray(conditionBlock, { minLength: 1, maxLength: 3, selector: (b) => b.operator });

export const principal = fc.record(
  {
    RAM: fc.array(fc.constantFrom('acs:ram::123:root', 'acs:ram::123:user/alice', 'acs:ram::456:role/Deployer'), { minLength: 1, maxLength: 3 }),
    Service: fc.array(fc.constantFrom('ecs.aliyuncs.com', 'fc.aliyuncs.com'), { minLength: 1, maxLength: 2 }),
    Federated: fc.array(fc.constantFrom('acs:ram::123:saml-provider/idp', 'acs:ram::123:oidc-provider/gh'), { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: ['RAM'] },
);

export function statementFor(kind: PolicyKind): fc.Arbitrary<PolicyStatement> {
  return fc
    .record(
      {
        sid: fc.string({ unit: 'binary', maxLength: 6 }),
        effect: fc.constantFrom('Allow' as const, 'Deny' as const),
        negate: fc.boolean(),
        actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }),
        resource: fc.array(resourcePattern, { minLength: 1, maxLength: 3 }),
        principal,
        condition: conditions,
      },
      { requiredKeys: ['effect', 'negate', 'actions', 'resource', 'principal'] },
    )
    .map(({ sid, effect, negate, actions, resource, principal: p, condition }) => ({
      ...(sid !== undefined ? { sid } : {}),
      effect,
      ...(negate ? { notAction: actions } : { action: actions }),
      ...(kind === 'trust' ? { principal: p } : { resource }),
      ...(condition !== undefined ? { condition } : {}),
    }));
}

export function documentFor(kind: PolicyKind): fc.Arbitrary<PolicyDocument> {
  return fc.array(statementFor(kind), { minLength: 1, maxLength: 4 }).map((statements) => ({ kind, version: '1' as const, statements }));
}

const requestWord = fc.string({ unit: fc.constantFrom('a', 'b', 'G', 'e', 't', 'A'), minLength: 1, maxLength: 6 });

/** Requests drawn from the same small alphabet as the patterns, so matches are common. */
export const authorizationRequest = fc.record({
  action: fc.tuple(fc.constantFrom('ecs', 'ram', 'sts', 'oss', 'ess', 'ECS'), requestWord).map(([s, n]) => `${s}:${n}`),
  resource: fc
    .tuple(fc.constantFrom('ecs', 'ram', 'oss', 'RAM'), fc.constantFrom('', 'cn-hangzhou'), fc.constantFrom('123', '456'), requestWord)
    .map(([s, r, a, rel]) => `acs:${s}:${r}:${a}:${rel}`),
  context: fc.record(
    {
      'acs:SourceIp': fc.ipV4(),
      'sts:ExternalId': fc.string({ maxLength: 4 }),
      'x:y': fc.constantFrom('1', '5', '2024-01-01T00:00:00Z', 'true'),
      'oidc:sub': fc.string({ maxLength: 4 }),
    },
    { requiredKeys: [] },
  ),
});
