import { PRODUCT_VERSIONS } from '@opensts/platform';
import type { ActionSpec } from '../routing/action-spec';
import { ACTION_TABLE } from '../routing/action.router';

const COMMON_V1 = ['Format', 'AccessKeyId', 'SecurityToken', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature'];

const query = (name: string, required: boolean, description?: string) => ({ name, in: 'query', required, schema: { type: 'string' }, ...(description && { description }) });

const ERROR = {
  type: 'object',
  required: ['RequestId', 'HostId', 'Code', 'Message'],
  properties: Object.fromEntries(['RequestId', 'HostId', 'Code', 'Message', 'Recommend'].map((p) => [p, { type: 'string' }])),
};

/**
 * One path item per action. OpenAPI keys operations by path and method, while RPC multiplexes
 * everything on `/`, so each action gets a pseudo-path `/#<Product>.<Action>` (the fragment never
 * reaches the server) whose operation documents the real request: `GET|POST /?Action=…&Version=…`,
 * or the V3 `x-acs-action` / `x-acs-version` headers.
 */
function operation(spec: ActionSpec) {
  const version = PRODUCT_VERSIONS[spec.product];
  return {
    post: {
      operationId: `${spec.product}_${spec.action}`,
      tags: [spec.product],
      summary: `${spec.product} ${version} ${spec.action}`,
      description:
        `Sent to \`/\` as GET or POST; parameters in the query or an application/x-www-form-urlencoded body. ` +
        (spec.anonymous ? 'Anonymous: no signature.' : `Signed with V1 (HMAC-SHA1 parameters) or V3 (ACS3-HMAC-SHA256 Authorization header).`) +
        (spec.resource ? ` Authorised as \`ram:${spec.action}\`.` : ''),
      parameters: [
        query('Action', true, `\`${spec.action}\` (V3: header x-acs-action)`),
        query('Version', true, `\`${version}\` (V3: header x-acs-version)`),
        ...spec.parameters.map((p) => query(p.name, p.required)),
        ...(spec.anonymous ? ['Format', 'Timestamp'] : COMMON_V1).map((name) => query(name, false)),
      ],
      responses: {
        '200': { description: 'Success; `Format=XML` gives XML', content: { 'application/json': { schema: { type: 'object', required: ['RequestId'], properties: { RequestId: { type: 'string' } } } } } },
        '4XX': { description: 'Alibaba error envelope', content: { 'application/json': { schema: ERROR } } },
        '5XX': { description: 'Alibaba error envelope', content: { 'application/json': { schema: ERROR } } },
      },
    },
  };
}

/** The OpenAPI 3 description served at `/openapi.json`, generated from the action table. */
export function buildOpenApiDocument(table: readonly ActionSpec[] = ACTION_TABLE): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'OpenSTS — Alibaba Cloud STS / RAM / IMS compatible OpenAPI (RPC style)',
      version: Object.values(PRODUCT_VERSIONS).join(', '),
      description: 'Every call is sent to `/`; the Action and Version parameters (or x-acs-action / x-acs-version headers) select the operation.',
    },
    tags: Object.entries(PRODUCT_VERSIONS).map(([name, version]) => ({ name, description: `API version ${version}` })),
    paths: Object.fromEntries(table.map((spec) => [`/#${spec.product}.${spec.action}`, operation(spec)])),
  };
}
