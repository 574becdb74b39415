import fc from 'fast-check';
import { serialisePolicy } from './policy.serializer';
import { parsePolicy } from './policy.parser';
import type { PolicyKind } from './policy-document.types';
import { documentFor } from '../testing/policy.arbitraries';

describe(serialisePolicy.name, () => {
  const sut = serialisePolicy;
  const parse = (text: string, kind: PolicyKind) => {
    const result = parsePolicy(text, kind);
    if (!result.ok) throw new Error(result.error.detail);
    return result.document;
  };

  it('writes canonical text: fixed element order, single values as strings, JSON literals as strings', () => {
    const text =
      '{"Statement":{"Condition":{"NumericLessThan":{"x:n":5},"Bool":{"acs:MFAPresent":true}},"Resource":["*"],' +
      '"Action":["ecs:A","ecs:B"],"Effect":"Allow","Sid":"s1"},"Version":"1"}';
    expect(sut(parse(text, 'identity'))).toBe(
      '{"Version":"1","Statement":[{"Sid":"s1","Effect":"Allow","Action":["ecs:A","ecs:B"],"Resource":"*",' +
        '"Condition":{"NumericLessThan":{"x:n":"5"},"Bool":{"acs:MFAPresent":"true"}}}]}',
    );
  });

  it('writes trust-policy principals in RAM, Service, Federated order', () => {
    const text = '{"Version":"1","Statement":[{"Principal":{"Service":"ecs.aliyuncs.com","RAM":["acs:ram::1:root"]},"Effect":"Allow","Action":"sts:AssumeRole"}]}';
    expect(sut(parse(text, 'trust'))).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1:root","Service":"ecs.aliyuncs.com"}}]}',
    );
  });

  it.each<PolicyKind>(['identity', 'session', 'trust'])('parse -> serialise -> parse is stable for %s policies', (kind) => {
    fc.assert(
      fc.property(documentFor(kind), (document) => {
        const text = sut(document);
        const reparsed = parse(text, kind);
        expect(reparsed).toEqual(document);
        expect(sut(reparsed)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });
});
