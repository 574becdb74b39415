import { isValidAccountId, isValidName } from './ram-name.rules';

describe(isValidName.name, () => {
  const sut = isValidName;

  it.each([
    ['roleName', 'Admin.Role-1', true],
    ['roleName', 'a', true],
    ['roleName', 'has_underscore', false],
    ['roleName', 'has@at', false],
    ['userName', 'alice_01.x-y', true],
    ['userName', '', false],
    ['userName', 'u'.repeat(65), false],
    ['groupName', 'g'.repeat(64), true],
    ['policyName', 'p'.repeat(128), true],
    ['policyName', 'p.q', false],
    ['roleSessionName', 'a', false],
    ['roleSessionName', 'alice@example.com_1-2', true],
    ['roleSessionName', 'not/allowed', false],
    ['providerName', 'a', true],
    ['providerName', 'a.b-c_d', true],
    ['providerName', '.a', false],
    ['providerName', 'a-', false],
  ] as const)('%s %j → %s', (entity, value, expected) => {
    expect(sut(entity, value)).toBe(expected);
  });
});

describe(isValidAccountId.name, () => {
  const sut = isValidAccountId;

  it.each([
    ['1234567890123456', true],
    ['123456789012', true],
    ['12345678901234567890', true],
    ['12345678901', false],
    ['123456789012345678901', false],
    ['123456789012345a', false],
    ['１２３４５６７８９０１２', false],
  ])('%j → %s', (value, expected) => {
    expect(sut(value)).toBe(expected);
  });
});
