import { ACTION_TABLE } from '../routing/action.router';
import { buildOpenApiDocument } from './openapi-document.builder';

describe(buildOpenApiDocument.name, () => {
  const sut = buildOpenApiDocument() as { openapi: string; paths: Record<string, { post: { operationId: string; parameters: { name: string; required: boolean }[] } }> };

  it('is an OpenAPI 3 document with one operation per served action', () => {
    expect(sut.openapi).toMatch(/^3\./);
    expect(Object.keys(sut.paths)).toHaveLength(ACTION_TABLE.length);
    expect(new Set(Object.values(sut.paths).map((p) => p.post.operationId)).size).toBe(ACTION_TABLE.length);
  });

  it("lists each action's parameters with their required flag, and the signature parameters unless anonymous", () => {
    const assumeRole = sut.paths['/#Sts.AssumeRole'].post.parameters;
    expect(assumeRole.find((p) => p.name === 'RoleArn')?.required).toBe(true);
    expect(assumeRole.find((p) => p.name === 'Policy')?.required).toBe(false);
    expect(assumeRole.some((p) => p.name === 'Signature')).toBe(true);
    expect(sut.paths['/#Sts.AssumeRoleWithOIDC'].post.parameters.some((p) => p.name === 'Signature')).toBe(false);
    expect(sut.paths['/#Ram.CreateUser'].post.parameters.find((p) => p.name === 'Version')).toMatchObject({ required: true });
  });
});
