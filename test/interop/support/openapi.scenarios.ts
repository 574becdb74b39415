import Ajv from 'ajv';
import { popCore, sdkFailure } from './sdk-clients';
import type { InteropContext } from './interop-context';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, { post: { security: Record<string, string[]>[] } }>;
  components: { securitySchemes: Record<string, unknown> };
}

/**
 * `/openapi.json` describes the actions the process serves, and its response schemas describe the
 * bodies it really sends: real answers (pop-core returns the raw JSON) are validated against them.
 */
export function openApiScenarios(ctx: () => InteropContext): void {
  let doc: OpenApiDocument;
  let validate: (schema: string, body: unknown) => string[];

  beforeAll(async () => {
    const res = await fetch(`http://${ctx().target.httpHost}/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDocument;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(doc, 'openapi');
    validate = (schema, body) => {
      const check = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
      return check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    };
  });

  it('lists only actions the process serves: each answers a root-signed call with something other than InvalidAction.NotFound', async () => {
    const { target: t } = ctx();
    const operations = Object.keys(doc.paths).map((path) => /^\/#(\w+)\.(\w+)$/.exec(path)!.slice(1));
    expect(operations.length).toBeGreaterThan(40);
    expect(operations).toContainEqual(['Sts', 'AssumeRoleWithOIDC']);
    const versions: Record<string, string> = { Sts: '2015-04-01', Ram: '2015-05-01', Ims: '2019-08-15' };
    for (const [product, action] of operations) {
      // read-only or refused for missing parameters: nothing here changes the directory
      if (/^(Create|Update|Delete|Attach|Detach|Set|Add|Remove|Change)/.test(action)) continue;
      const outcome = await popCore(t.httpHost, t.root, versions[product]).request(action, {}).then(() => 'served', (err: unknown) => sdkFailure(err).code);
      expect([`${product}.${action}`, outcome]).not.toEqual([`${product}.${action}`, 'InvalidAction.NotFound']);
    }
  });

  it('declares the signature schemes every signed operation uses', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['acsSignatureV1', 'acsSignatureV3']);
    expect(doc.paths['/#Sts.AssumeRole'].post.security).toEqual([{ acsSignatureV3: [] }, { acsSignatureV1: [] }]);
  });

  it('describes the real AssumeRole and GetCallerIdentity bodies (RAM user, root, temporary credentials) and the error envelope', async () => {
    const { target: t, dir } = ctx();
    const assumed = (await popCore(t.httpHost, dir.alice, '2015-04-01').request('AssumeRole', { RoleArn: dir.roleArn, RoleSessionName: 'openapi', DurationSeconds: 900 }, { method: 'POST' })) as {
      Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string };
    };
    expect(validate('AssumeRoleResponse', assumed)).toEqual([]);
    const temporary = { accessKeyId: assumed.Credentials.AccessKeyId, accessKeySecret: assumed.Credentials.AccessKeySecret, securityToken: assumed.Credentials.SecurityToken };
    for (const caller of [dir.alice, t.root, temporary]) {
      expect(validate('GetCallerIdentityResponse', await popCore(t.httpHost, caller, '2015-04-01').request('GetCallerIdentity', {}))).toEqual([]);
    }
    const refused = await fetch(`http://${t.httpHost}/?Action=GetCallerIdentity&Version=2015-04-01&Format=JSON`);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(validate('Error', await refused.json())).toEqual([]);
    // and the schemas are not vacuous: a body missing its credentials fails
    expect(validate('AssumeRoleResponse', { RequestId: 'x' })).not.toEqual([]);
  });
}
