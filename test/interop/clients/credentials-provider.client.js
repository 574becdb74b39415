// @alicloud/credentials RAM-role-ARN provider, run as its own process: it is https-only with no CA
// option, so the test trusts the server's CA the way a user would, with NODE_EXTRA_CA_CERTS.
// Input: one JSON argument; output: one JSON line on stdout.
const Credential = require('@alicloud/credentials').default;
const { Config } = require('@alicloud/credentials');

async function main() {
  const input = JSON.parse(process.argv[2]);
  const credential = new Credential(
    new Config({
      type: 'ram_role_arn',
      accessKeyId: input.accessKeyId,
      accessKeySecret: input.accessKeySecret,
      roleArn: input.roleArn,
      roleSessionName: input.roleSessionName,
      roleSessionExpiration: input.durationSeconds,
      stsEndpoint: input.stsEndpoint,
    }),
  );
  const sessions = [];
  for (let i = 0; i < input.calls; i++) {
    const c = await credential.getCredential();
    sessions.push({ accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken });
  }
  return { ok: true, sessions };
}

main().then(
  (r) => process.stdout.write(JSON.stringify(r) + '\n'),
  (e) => process.stdout.write(JSON.stringify({ ok: false, message: String(e && e.message), code: e && e.code }) + '\n'),
);
