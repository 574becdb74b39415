// @alicloud/credentials OIDC-role-ARN provider (the RRSA / workload-identity path), run as its own
// process: it speaks HTTPS only, so the test trusts the server's CA with NODE_EXTRA_CA_CERTS.
// It reads the ID token from a file on every refresh, as in a Kubernetes pod.
// Input: one JSON argument; output: one JSON line on stdout.
const Credential = require('@alicloud/credentials').default;
const { Config } = require('@alicloud/credentials');

async function main() {
  const input = JSON.parse(process.argv[2]);
  const credential = new Credential(
    new Config({
      type: 'oidc_role_arn',
      roleArn: input.roleArn,
      oidcProviderArn: input.oidcProviderArn,
      oidcTokenFilePath: input.oidcTokenFilePath,
      roleSessionName: input.roleSessionName,
      roleSessionExpiration: input.durationSeconds,
      stsEndpoint: input.stsEndpoint,
    }),
  );
  const c = await credential.getCredential();
  return { ok: true, session: { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken } };
}

main().then(
  (r) => process.stdout.write(JSON.stringify(r) + '\n'),
  (e) => process.stdout.write(JSON.stringify({ ok: false, message: String(e && e.message), code: e && e.code }) + '\n'),
);
