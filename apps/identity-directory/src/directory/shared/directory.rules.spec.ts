import { checkEmail, checkMaxSessionDuration, checkMobilePhone, checkName, checkText } from './directory.rules';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe(checkName.name, () => {
  it('accepts a valid user name and keeps its case', () => {
    expect(checkName('UserName', 'userName', 'Alice.Smith_01-x')).toBe('Alice.Smith_01-x');
  });

  it.each([
    ['userName', 'a'.repeat(65), 'InvalidParameter.UserName.Length'],
    ['userName', 'al ice', 'InvalidParameter.UserName.InvalidChars'],
    ['userName', 'bob@corp', 'InvalidParameter.UserName.InvalidChars'],
    ['roleName', 'my_role', 'InvalidParameter.UserName.InvalidChars'],
  ] as const)('refuses %s %j with %s', (entity, value, code) => {
    expect(codeOf(() => checkName('UserName', entity, value))).toBe(code);
  });

  it('reports Length before InvalidChars when both are wrong', () => {
    expect(codeOf(() => checkName('RoleName', 'roleName', '!'.repeat(80)))).toBe('InvalidParameter.RoleName.Length');
  });
});

describe(checkText.name, () => {
  it('limits length in characters, not UTF-16 units', () => {
    expect(checkText('Comments', '😀'.repeat(128), 128)).toHaveLength(256);
    expect(codeOf(() => checkText('Comments', 'x'.repeat(129), 128))).toBe('InvalidParameter.Comments.Length');
  });

  it('refuses control characters', () => {
    expect(codeOf(() => checkText('DisplayName', 'a\nb', 128))).toBe('InvalidParameter.DisplayName.InvalidChars');
  });

  it('lets a description or a comment have tabs and line breaks, and nothing else of the kind', () => {
    expect(checkText('Description', 'line 1\r\n\tline 2', 1024, { lines: true })).toBe('line 1\r\n\tline 2');
    expect(codeOf(() => checkText('Description', 'a\u0000b', 1024, { lines: true }))).toBe('InvalidParameter.Description.InvalidChars');
    expect(codeOf(() => checkText('Comments', 'a\u001bb', 128, { lines: true }))).toBe('InvalidParameter.Comments.InvalidChars');
  });
});

describe('contact formats', () => {
  it('accepts a phone with a country code and refuses one without', () => {
    expect(checkMobilePhone('MobilePhone', '86-18600008888')).toBe('86-18600008888');
    expect(codeOf(() => checkMobilePhone('MobilePhone', '18600008888'))).toBe('InvalidParameter.MobilePhone.Format');
  });

  it('accepts an e-mail and refuses a malformed one', () => {
    expect(checkEmail('Email', 'alice@example.com')).toBe('alice@example.com');
    expect(codeOf(() => checkEmail('Email', 'alice@'))).toBe('InvalidParameter.Email.Format');
  });
});

describe(checkMaxSessionDuration.name, () => {
  it.each(['3600', '43200'])('accepts the bound %s', (v) => expect(checkMaxSessionDuration('MaxSessionDuration', v)).toBe(Number(v)));
  it.each(['3599', '43201', '1e4', 'abc'])('refuses %s', (v) => {
    expect(codeOf(() => checkMaxSessionDuration('MaxSessionDuration', v))).toBe('InvalidParameter.MaxSessionDuration');
  });
});
