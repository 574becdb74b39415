import { parseOidcProviderArnParameter, parseRoleArnParameter, parseSamlProviderArnParameter } from './arn-parameter.validator';

const ACCT = '1234567890123456';

describe(parseRoleArnParameter.name, () => {
  const sut = parseRoleArnParameter;

  it('accepts a role ARN', () => {
    expect(sut(`acs:ram::${ACCT}:role/adminrole`)).toEqual({
      ok: true,
      arn: { kind: 'role', accountId: ACCT, roleName: 'adminrole' },
    });
  });

  it.each(['', 'adminrole', `acs:ram::${ACCT}:user/alice`, `acs:ram::${ACCT}:role/a/session`, `acs:ram:*:${ACCT}:role/r`, 'acs:ram::12:role/r'])(
    'answers InvalidParameter.RoleArn for %j',
    (value) => {
      const result = sut(value);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatchObject({ code: 'InvalidParameter.RoleArn', httpStatus: 400, message: 'The parameter RoleArn is wrongly formed.' });
      }
    },
  );
});

describe(parseSamlProviderArnParameter.name, () => {
  const sut = parseSamlProviderArnParameter;

  it('accepts a SAML provider ARN and refuses an OIDC one', () => {
    expect(sut(`acs:ram::${ACCT}:saml-provider/okta`).ok).toBe(true);
    expect(sut(`acs:ram::${ACCT}:oidc-provider/okta`)).toMatchObject({ ok: false, error: { code: 'InvalidParameter.SAMLProviderArn' } });
  });
});

describe(parseOidcProviderArnParameter.name, () => {
  const sut = parseOidcProviderArnParameter;

  it('accepts an OIDC provider ARN and refuses a role', () => {
    expect(sut(`acs:ram::${ACCT}:oidc-provider/ack`).ok).toBe(true);
    expect(sut(`acs:ram::${ACCT}:role/ack`)).toMatchObject({ ok: false, error: { code: 'InvalidParameter.OIDCProviderArn' } });
  });
});
