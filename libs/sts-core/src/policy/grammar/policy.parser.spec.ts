import { parsePolicy } from './policy.parser';
import type { PolicyKind } from './policy-document.types';

const statement = (extra: object = {}) => ({ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*', ...extra });
const doc = (statements: unknown, top: object = {}) => JSON.stringify({ Version: '1', Statement: statements, ...top });

describe(parsePolicy.name, () => {
  const sut = parsePolicy;
  const detail = (text: string, kind: PolicyKind = 'identity') => {
    const result = sut(text, kind);
    if (result.ok) throw new Error('expected a grammar error');
    return result.error.detail;
  };

  describe('given a valid document', () => {
    it('normalises single strings to lists and keeps Sid', () => {
      const result = sut(doc([statement({ Sid: 'ReadEcs', Resource: 'acs:ecs:*:*:instance/*' })]), 'identity');
      expect(result).toEqual({
        ok: true,
        document: {
          kind: 'identity',
          version: '1',
          statements: [{ sid: 'ReadEcs', effect: 'Allow', action: ['ecs:Describe*'], resource: ['acs:ecs:*:*:instance/*'] }],
        },
      });
    });

    it('accepts a single statement object instead of a list', () => {
      const result = sut(doc(statement()), 'session');
      expect(result.ok && result.document.statements).toHaveLength(1);
    });

    it('accepts NotAction and an empty Condition', () => {
      const result = sut(doc([statement({ Action: undefined, NotAction: ['ram:*'], Condition: {} })]), 'identity');
      expect(result.ok && result.document.statements[0]).toEqual({ effect: 'Allow', notAction: ['ram:*'], resource: ['*'] });
    });
  });

  describe('when the JSON itself is broken', () => {
    it.each([
      ['', 'invalid JSON at line 1, column 1: unexpected end of document'],
      ['{"Version":"1",}', 'invalid JSON at line 1, column 16: expected a quoted element name'],
      ['{"Version":"1"}\n x', 'invalid JSON at line 2, column 2: unexpected content after the document'],
      ['{"Version":\'1\'}', `invalid JSON at line 1, column 12: unexpected character "'"`],
      ['{"Version":"1\\q"}', 'invalid JSON at line 1, column 14: invalid escape sequence'],
      ['[1, 2', 'invalid JSON at line 1, column 6: expected "," or "]"'],
    ])('%j -> %s', (text, expected) => {
      expect(detail(text)).toBe(expected);
    });
  });

  describe('then each grammar error points at the offending element', () => {
    it.each<[string, string, string, PolicyKind?]>([
      ['not an object', '[]', 'must be an object, not a list'],
      ['missing Version', JSON.stringify({ Statement: [statement()] }), 'Version: is required'],
      ['wrong Version', doc([statement()], { Version: '2' }), 'Version: must be "1", not "2"'],
      ['numeric Version', doc([statement()], { Version: 1 }), 'Version: must be a string, not a number'],
      ['unknown top-level element', doc([statement()], { Id: 'x' }), 'Id: unknown element "Id"'],
      ['lower-case element name', JSON.stringify({ version: '1' }), 'version: unknown element "version" (did you mean "Version"?)'],
      ['missing Statement', JSON.stringify({ Version: '1' }), 'Statement: is required'],
      ['empty Statement', doc([]), 'Statement: must contain at least one statement'],
      ['statement not an object', doc(['x']), 'Statement[0]: must be an object, not a string'],
      ['missing Effect', doc([statement(), { Action: '*', Resource: '*' }]), 'Statement[1].Effect: is required'],
      ['bad Effect', doc([statement({ Effect: 'allow' })]), 'Statement[0].Effect: must be "Allow" or "Deny", not "allow"'],
      ['missing Action', doc([{ Effect: 'Allow', Resource: '*' }]), 'Statement[0].Action: is required (or NotAction)'],
      ['Action and NotAction', doc([statement({ NotAction: 'ram:*' })]), 'Statement[0].NotAction: cannot be combined with Action'],
      ['empty Action list', doc([statement({ Action: [] })]), 'Statement[0].Action: must not be an empty list'],
      ['non-string action', doc([statement({ Action: ['ecs:A', 3] })]), 'Statement[0].Action[1]: must be a string, not a number'],
      ['action without service', doc([statement({ Action: 'DescribeInstances' })]), 'Statement[0].Action: "DescribeInstances" is not an action (<service>:<action-name> or "*")'],
      ['missing Resource', doc([{ Effect: 'Allow', Action: '*' }]), 'Statement[0].Resource: is required'],
      ['bad Resource', doc([statement({ Resource: ['*', 'arn:aws:s3:::x'] })]), 'Statement[0].Resource[1]: "arn:aws:s3:::x" is not a resource (acs:<service>:<region>:<account-id>:<relative-id> or "*")'],
      ['short ARN', doc([statement({ Resource: 'acs:ram::123' })]), 'Statement[0].Resource: "acs:ram::123" is not a resource (acs:<service>:<region>:<account-id>:<relative-id> or "*")'],
      ['NotResource', doc([statement({ NotResource: '*' })]), 'Statement[0].NotResource: is not supported (use Resource)'],
      ['unknown statement element', doc([statement({ Effects: 'Allow' })]), 'Statement[0].Effects: unknown element "Effects" (did you mean "Effect"?)'],
      ['Principal in identity policy', doc([statement({ Principal: { RAM: 'x' } })]), 'Statement[0].Principal: is not allowed in an identity policy'],
      ['Principal in session policy', doc([statement({ Principal: { RAM: 'x' } })]), 'Statement[0].Principal: is not allowed in a session policy', 'session'],
      ['non-string Sid', doc([statement({ Sid: 7 })]), 'Statement[0].Sid: must be a string, not a number'],
      ['lone statement path', doc({ Effect: 'Allow', Action: '*' }), 'Statement.Resource: is required'],
      ['null value', doc([statement({ Resource: null })]), 'Statement[0].Resource: must be a string or a list of strings, not null'],
    ])('%s', (...[, text, expected, kind]) => {
      expect(detail(text, kind)).toBe(expected);
    });

    it('refuses duplicate element names that JSON.parse would silently merge', () => {
      expect(detail('{"Version":"1","Statement":[{"Effect":"Deny","Effect":"Allow","Action":"*","Resource":"*"}]}')).toBe(
        'Statement[0]: duplicate element "Effect"',
      );
    });
  });

  describe('given a trust policy', () => {
    const trust = (extra: object) => doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: 'acs:ram::123:root' }, ...extra }]);

    it('requires Principal and refuses Resource', () => {
      expect(detail(doc([{ Effect: 'Allow', Action: 'sts:AssumeRole' }]), 'trust')).toBe('Statement[0].Principal: is required');
      expect(detail(trust({ Resource: '*' }), 'trust')).toBe('Statement[0].Resource: is not allowed in a trust policy');
      expect(detail(trust({ NotPrincipal: {} }), 'trust')).toBe('Statement[0].NotPrincipal: is not supported (use Principal)');
    });

    it('parses the principal lists', () => {
      const result = sut(trust({}), 'trust');
      expect(result.ok && result.document.statements[0].principal).toEqual({ RAM: ['acs:ram::123:root'] });
    });
  });
});
