// @alicloud/sts-sdk, run as its own process: https-only with no CA option (NODE_EXTRA_CA_CERTS).
// Input: one JSON argument; output: one JSON line on stdout (4xx answers come back as results).
const StsClient = require('@alicloud/sts-sdk');

async function main() {
  const input = JSON.parse(process.argv[2]);
  const sts = new StsClient({ endpoint: input.endpoint, accessKeyId: input.accessKeyId, accessKeySecret: input.accessKeySecret });
  const assumed = await sts.assumeRole(input.roleArn, input.roleSessionName, input.policy, input.durationSeconds);
  if (!assumed.Credentials) return { ok: true, assumed };
  const creds = assumed.Credentials;
  const asSession = new StsClient({
    endpoint: input.endpoint,
    credential: { getCredential: async () => ({ accessKeyId: creds.AccessKeyId, accessKeySecret: creds.AccessKeySecret, securityToken: creds.SecurityToken }) },
  });
  const caller = await asSession.getCallerIdentity();
  return { ok: true, assumed, caller };
}

main().then(
  (r) => process.stdout.write(JSON.stringify(r) + '\n'),
  (e) => process.stdout.write(JSON.stringify({ ok: false, message: String(e && e.message), code: e && e.code }) + '\n'),
);
