import { parseArn } from './arn.parser';
import { assumedRoleArn, formatArn, roleArn, rootArn, userArn } from './arn.formatter';

const ACCT = '1234567890123456';

describe(formatArn.name, () => {
  const sut = formatArn;

  it.each([
    `acs:ram::${ACCT}:root`,
    `acs:ram::${ACCT}:user/alice`,
    `acs:ram::${ACCT}:role/AdminRole`,
    `acs:ram::${ACCT}:role/AdminRole/alice`,
    `acs:ram::${ACCT}:assumed-role/AdminRole/alice`,
    `acs:ram::${ACCT}:saml-provider/okta`,
    `acs:ram::${ACCT}:oidc-provider/ack`,
    `acs:ram::${ACCT}:policy/Custom-1`,
    'acs:ram::system:policy/AdministratorAccess',
    `acs:ram::${ACCT}:group/devs`,
    'acs:oss:*:*:bucket/key',
    `acs:ram:*:${ACCT}:role/*`,
  ])('round-trips %s', (arn) => {
    const parsed = parseArn(arn);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(sut(parsed.arn)).toBe(arn);
  });

  it('builds the strings STS responses carry', () => {
    expect(rootArn(ACCT)).toBe(`acs:ram::${ACCT}:root`);
    expect(userArn(ACCT, 'admin')).toBe(`acs:ram::${ACCT}:user/admin`);
    expect(roleArn(ACCT, 'adminrole')).toBe(`acs:ram::${ACCT}:role/adminrole`);
    expect(assumedRoleArn(ACCT, 'adminrole', 'alice', 'role')).toBe(`acs:ram::${ACCT}:role/adminrole/alice`);
    expect(assumedRoleArn(ACCT, 'adminrole', 'alice', 'assumed-role')).toBe(`acs:ram::${ACCT}:assumed-role/adminrole/alice`);
  });
});
