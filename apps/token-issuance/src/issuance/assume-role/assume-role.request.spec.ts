import { parseAssumeRoleRequest, parseSessionOptions } from './assume-role.request';

const ARN = 'acs:ram::1234567890123456:role/AdminRole';
const valid = { RoleArn: ARN, RoleSessionName: 'alice' };
const code = (params: Record<string, string | undefined>) => {
  try {
    parseAssumeRoleRequest(params);
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('parseAssumeRoleRequest', () => {
  const sut = parseAssumeRoleRequest;

  it('reads the parameters, keeping the RoleArn as sent and absent options absent', () => {
    expect(sut({ ...valid, Policy: '', DurationSeconds: '' })).toEqual({ roleArn: { kind: 'role', accountId: '1234567890123456', roleName: 'AdminRole' }, roleArnText: ARN, roleSessionName: 'alice', policy: undefined, durationSeconds: undefined, externalId: undefined, sourceIdentity: undefined });
    expect(sut({ ...valid, DurationSeconds: '900', ExternalId: 'abcd1234', SourceIdentity: 'bob@corp' })).toMatchObject({ durationSeconds: 900, externalId: 'abcd1234', sourceIdentity: 'bob@corp' });
  });

  it.each([
    [{ RoleSessionName: 'alice' }, 'MissingRoleArn'],
    [{ RoleArn: '', RoleSessionName: 'alice' }, 'MissingRoleArn'],
    [{ RoleArn: ARN }, 'MissingRoleSessionName'],
    [{ RoleArn: 'acs:ram::1234567890123456:user/alice', RoleSessionName: 'alice' }, 'InvalidParameter.RoleArn'],
    [{ RoleArn: 'arn:aws:iam::1:role/x', RoleSessionName: 'alice' }, 'InvalidParameter.RoleArn'],
    [{ ...valid, RoleSessionName: 'a' }, 'InvalidParameter.RoleSessionName'],
    [{ ...valid, RoleSessionName: 'a'.repeat(65) }, 'InvalidParameter.RoleSessionName'],
    [{ ...valid, RoleSessionName: 'alice smith' }, 'InvalidParameter.RoleSessionName'],
    [{ ...valid, Policy: '{"Version":"1"' }, 'InvalidParameter.PolicyGrammar'],
    [{ ...valid, Policy: 'x'.repeat(2049) }, 'InvalidParameter.PolicySize'],
    [{ ...valid, DurationSeconds: '899' }, 'InvalidParameter.DurationSeconds'],
    [{ ...valid, DurationSeconds: '3600.5' }, 'InvalidParameter.DurationSeconds'],
    [{ ...valid, DurationSeconds: '1e4' }, 'InvalidParameter.DurationSeconds'],
    [{ ...valid, DurationSeconds: '-3600' }, 'InvalidParameter.DurationSeconds'],
    [{ ...valid, ExternalId: 'a' }, 'InvalidParameter.ExternalId'],
    [{ ...valid, ExternalId: 'has space' }, 'InvalidParameter.ExternalId'],
    [{ ...valid, SourceIdentity: 'x' }, 'InvalidParameter.SourceIdentity'],
  ])('refuses %j with %s', (params, expected) => {
    expect(code(params)).toBe(expected);
  });

  it('accepts the documented edges: 2 and 64 character session names, the ExternalId charset', () => {
    expect(code({ ...valid, RoleSessionName: 'a.' })).toBe('ok');
    expect(code({ ...valid, RoleSessionName: 'a'.repeat(64) })).toBe('ok');
    expect(code({ ...valid, RoleSessionName: 'A.z@0-_9' })).toBe('ok');
    expect(code({ ...valid, ExternalId: 'ab=+,.@:/-_9' })).toBe('ok');
    expect(code({ ...valid, Policy: 'x'.repeat(2048) })).toBe('InvalidParameter.PolicyGrammar');
  });

  it('checks in the order of sts-api.md §3.1: missing, RoleArn, RoleSessionName, Policy, DurationSeconds', () => {
    expect(code({ RoleArn: 'bad' })).toBe('MissingRoleSessionName');
    expect(code({ RoleArn: 'bad', RoleSessionName: 'x', Policy: 'bad', DurationSeconds: '1' })).toBe('InvalidParameter.RoleArn');
    expect(code({ ...valid, RoleSessionName: 'x', Policy: 'bad', DurationSeconds: '1' })).toBe('InvalidParameter.RoleSessionName');
    expect(code({ ...valid, Policy: 'bad', DurationSeconds: '1' })).toBe('InvalidParameter.PolicyGrammar');
    expect(code({ ...valid, DurationSeconds: '1', ExternalId: 'x' })).toBe('InvalidParameter.DurationSeconds');
  });
});

describe('parseSessionOptions', () => {
  const failure = (params: Record<string, string>, federated: boolean) => {
    try {
      parseSessionOptions(params, federated);
      return undefined;
    } catch (e) {
      return { code: (e as { code: string }).code, message: (e as Error).message };
    }
  };

  it('answers AssumeRoleWithSAML/OIDC with their own texts for the same codes (sts-api.md §4.3, §5.3)', () => {
    expect(failure({ Policy: '{"Statement":' }, true)).toEqual({ code: 'InvalidParameter.PolicyGrammar', message: 'Invalid Policy.' });
    expect(failure({ DurationSeconds: '60' }, true)).toEqual({ code: 'InvalidParameter.DurationSeconds', message: 'The DurationSeconds is invalid.' });
    expect(failure({ Policy: 'x'.repeat(2049) }, true)).toEqual({ code: 'InvalidParameter.PolicySize', message: 'The max size of policy string is 2048.' });
    expect(failure({ Policy: 'x'.repeat(2049) }, false)?.message).toBe('The size of Policy must be smaller than 2048 characters.');
    expect(failure({ Policy: '{"Statement":' }, false)?.message).toMatch(/^The parameter Policy has not passed grammar check\./);
  });
});

