import type { AuthorizationRequest } from '../../libs/sts-core/src/policy';

/**
 * Benchmark inputs: ten attached policies of ten statements each, shaped like real customer
 * policies (service wildcards, per-team resource prefixes, IP/date/tag/bool conditions, a Deny
 * with NotIpAddress), and a request mix that makes the engine scan: many requests are decided
 * only by the last policy or by no policy at all.
 */
export const ACCOUNT = '1234567890123456';

function statementsFor(team: number): object[] {
  const statements: object[] = [
    { Effect: 'Allow', Action: ['ecs:Describe*', 'ecs:List*'], Resource: `acs:ecs:*:${ACCOUNT}:instance/team${team}-*`, Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } } },
    { Effect: 'Allow', Action: ['oss:GetObject', 'oss:PutObject'], Resource: [`acs:oss:*:*:team${team}-data/*`, `acs:oss:*:*:team${team}-logs/*`] },
    { Effect: 'Allow', Action: 'ecs:StartInstance', Resource: '*', Condition: { StringEquals: { [`acs:ResourceTag/team`]: `team${team}` } } },
    { Effect: 'Allow', Action: 'ram:Get*', Resource: `acs:ram:*:${ACCOUNT}:user/team${team}-*` },
    { Effect: 'Allow', Action: 'log:*', Resource: `acs:log:*:*:project/team${team}/*`, Condition: { Bool: { 'acs:SecureTransport': 'true' } } },
    { Effect: 'Allow', Action: 'kms:Decrypt', Resource: `acs:kms:cn-*:${ACCOUNT}:key/team${team}-*`, Condition: { DateLessThan: { 'acs:CurrentTime': '2099-01-01T00:00:00Z' } } },
    { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `acs:ram:*:${ACCOUNT}:role/app-${team}-*` },
    { Effect: 'Allow', Action: ['rds:Describe*', 'rds:CreateBackup'], Resource: `acs:rds:*:${ACCOUNT}:dbinstance/team${team}-?*`, Condition: { StringLike: { 'acs:AccessId': 'LTAI*' } } },
    { Effect: 'Allow', Action: '*:List*', Resource: `acs:*:*:${ACCOUNT}:team${team}/*` },
  ];
  statements.push(
    team === 4
      ? { Effect: 'Deny', Action: ['ecs:Delete*', 'rds:Delete*'], Resource: '*', Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }
      : { Effect: 'Allow', Action: ['vpc:Describe*'], Resource: `acs:vpc:*:${ACCOUNT}:vpc/team${team}-*` },
  );
  return statements;
}

export const attachedPolicyTexts = (): string[] =>
  Array.from({ length: 10 }, (_, team) => JSON.stringify({ Version: '1', Statement: statementsFor(team) }));

export const SESSION_POLICY = JSON.stringify({
  Version: '1',
  Statement: [
    { Effect: 'Allow', Action: ['ecs:*', 'oss:Get*', 'sts:AssumeRole', 'log:*', 'kms:Decrypt'], Resource: '*' },
    { Effect: 'Deny', Action: 'oss:*', Resource: 'acs:oss:*:*:*-secret/*' },
  ],
});

export const TRUST_POLICY = JSON.stringify({
  Version: '1',
  Statement: [
    { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] }, Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } },
  ],
});

const context = (ip: string) => ({
  'acs:SourceIp': ip,
  'acs:SecureTransport': 'true',
  'acs:CurrentTime': '2024-06-01T12:00:00Z',
  'acs:AccessId': 'LTAI5tExampleKey',
  'acs:MFAPresent': 'false',
  'acs:ResourceTag/team': 'team8',
});

export function requestMix(): AuthorizationRequest[] {
  return [
    { action: 'ecs:DescribeInstances', resource: `acs:ecs:cn-hangzhou:${ACCOUNT}:instance/team0-web-1`, context: context('10.1.2.3') },
    { action: 'oss:GetObject', resource: 'acs:oss:*:*:team9-data/reports/2024.csv', context: context('10.1.2.3') },
    { action: 'ecs:DeleteInstance', resource: `acs:ecs:cn-hangzhou:${ACCOUNT}:instance/team4-db`, context: context('203.0.113.9') },
    { action: 'ecs:StartInstance', resource: `acs:ecs:cn-hangzhou:${ACCOUNT}:instance/i-88`, context: context('10.1.2.3') },
    { action: 'kms:Decrypt', resource: `acs:kms:cn-shanghai:${ACCOUNT}:key/team7-main`, context: context('192.168.1.1') },
    { action: 'ram:CreateUser', resource: `acs:ram::${ACCOUNT}:user/mallory`, context: context('10.1.2.3') },
    { action: 'sts:AssumeRole', resource: `acs:ram::${ACCOUNT}:role/app-7-deployer`, context: context('10.1.2.3') },
    { action: 'rds:DescribeDBInstances', resource: `acs:rds:cn-beijing:${ACCOUNT}:dbinstance/team5-orders`, context: context('10.1.2.3') },
  ];
}
