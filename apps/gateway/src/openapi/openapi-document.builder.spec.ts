import { ACTION_TABLE } from '../routing/action.router';
import { buildOpenApiDocument } from './openapi-document.builder';

type Operation = { operationId: string; security: Record<string, string[]>[]; parameters: { name: string; in: string; required: boolean }[]; responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> };

describe(buildOpenApiDocument.name, () => {
  const sut = buildOpenApiDocument() as { openapi: string; paths: Record<string, { post: Operation }>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };
  const operations = Object.values(sut.paths).map((p) => p.post);

  it('is an OpenAPI 3 document with one operation per action, the anonymous federation actions without a security requirement', () => {
    expect(sut.openapi).toMatch(/^3\./);
    expect(Object.keys(sut.paths)).toHaveLength(ACTION_TABLE.length);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
    expect(sut.paths['/#Sts.AssumeRoleWithOIDC'].post.security).toEqual([]);
    expect(sut.paths['/#Sts.AssumeRoleWithSAML'].post.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/AssumeRoleWithSAMLResponse');
  });

  it("lists each action's parameters with their required flag, the V1 signature parameters and the V3 headers", () => {
    const assumeRole = sut.paths['/#Sts.AssumeRole'].post.parameters;
    expect(assumeRole.find((p) => p.name === 'RoleArn')?.required).toBe(true);
    expect(assumeRole.find((p) => p.name === 'Policy')?.required).toBe(false);
    expect(assumeRole.some((p) => p.name === 'Signature' && p.in === 'query')).toBe(true);
    expect(assumeRole.some((p) => p.name === 'x-acs-signature-nonce' && p.in === 'header')).toBe(true);
    expect(sut.paths['/#Ram.CreateUser'].post.parameters.find((p) => p.name === 'Version')).toMatchObject({ required: true });
  });

  it('declares no parameter twice and resolves every schema and security reference', () => {
    for (const op of operations) {
      const keys = op.parameters.map((p) => `${p.in}:${p.name}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const requirement of op.security) for (const scheme of Object.keys(requirement)) expect(sut.components.securitySchemes).toHaveProperty([scheme]);
      for (const response of Object.values(op.responses)) {
        const name = response.content['application/json'].schema.$ref.replace('#/components/schemas/', '');
        expect(sut.components.schemas).toHaveProperty([name]);
      }
    }
    expect(sut.paths['/#Sts.AssumeRole'].post.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/AssumeRoleResponse');
  });
});
