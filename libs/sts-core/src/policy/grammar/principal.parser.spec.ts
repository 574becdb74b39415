import { parsePolicy } from './policy.parser';
import { parsePrincipal } from './principal.parser';

const trustWith = (principal: unknown) =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }] });

describe(`${parsePrincipal.name} (through parsePolicy)`, () => {
  const sut = (principal: unknown) => parsePolicy(trustWith(principal), 'trust');
  const detail = (principal: unknown) => {
    const result = sut(principal);
    if (result.ok) throw new Error('expected a grammar error');
    return result.error.detail;
  };

  it.each([
    [{ RAM: 'acs:ram::1234567890123456:root' }],
    [{ RAM: ['acs:ram::1234567890123456:user/alice', 'acs:ram::1234567890123456:role/Deployer'] }],
    [{ Service: ['ecs.aliyuncs.com', 'fc.aliyuncs.com'] }],
    [{ Federated: 'acs:ram::1234567890123456:saml-provider/corp-idp' }],
    [{ Federated: 'acs:ram::1234567890123456:oidc-provider/github' }],
    [{ RAM: 'ACS:RAM::1234567890123456:ROOT', Service: 'ECS.aliyuncs.com' }],
  ])('accepts %j', (principal) => {
    expect(sut(principal)).toMatchObject({ ok: true });
  });

  it.each([
    ['the wildcard principal', '*', 'Statement[0].Principal: must be an object, not a string'],
    ['an empty principal', {}, 'Statement[0].Principal: must name at least one of RAM, Service or Federated'],
    ['"*" as a RAM principal', { RAM: '*' }, 'Statement[0].Principal.RAM: "*" is not allowed: wildcards cannot name a RAM principal'],
    ['a wildcard role', { RAM: ['acs:ram::123:role/*'] }, 'Statement[0].Principal.RAM[0]: "acs:ram::123:role/*" is not allowed: wildcards cannot name a RAM principal'],
    ['a bare account id', { RAM: '1234567890123456' }, 'Statement[0].Principal.RAM: "1234567890123456" is not a RAM principal (acs:ram::<account-id>:root, :user/<name> or :role/<name>)'],
    ['a region in the ARN', { RAM: 'acs:ram:cn-hangzhou:123:root' }, 'Statement[0].Principal.RAM: "acs:ram:cn-hangzhou:123:root" is not a RAM principal (acs:ram::<account-id>:root, :user/<name> or :role/<name>)'],
    ['a foreign service', { Service: 'ec2.amazonaws.com' }, 'Statement[0].Principal.Service: "ec2.amazonaws.com" is not a service principal (<service>.aliyuncs.com)'],
    ['a user as federated', { Federated: 'acs:ram::123:user/alice' }, 'Statement[0].Principal.Federated: "acs:ram::123:user/alice" is not an identity provider (acs:ram::<account-id>:saml-provider/<name> or :oidc-provider/<name>)'],
    ['a wildcard provider', { Federated: 'acs:ram::123:oidc-provider/*' }, 'Statement[0].Principal.Federated: "acs:ram::123:oidc-provider/*" is not allowed: wildcards cannot name an identity provider'],
    ['an unknown principal type', { AWS: 'x' }, 'Statement[0].Principal.AWS: unknown element "AWS"'],
    ['a wrong-case principal type', { ram: 'acs:ram::123:root' }, 'Statement[0].Principal.ram: unknown element "ram" (did you mean "RAM"?)'],
    ['an empty list', { Service: [] }, 'Statement[0].Principal.Service: must not be an empty list'],
  ])('refuses %s', (...[, principal, expected]) => {
    expect(detail(principal)).toBe(expected);
  });
});
