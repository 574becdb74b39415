import { PRODUCT_VERSIONS } from '@opensts/platform';
import type { ActionSpec } from '../routing/action-spec';
import { ACTION_TABLE } from '../routing/action.router';

const COMMON_V1 = ['AccessKeyId', 'SecurityToken', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature'];
/** What the generated (V3) clients send instead of the V1 parameters (openapi-signing.md, V3). */
const V3_HEADERS = ['x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256', 'x-acs-security-token'];

const text = { type: 'string' } as const;
const param = (name: string, location: 'query' | 'header', required: boolean, description?: string, schema: Record<string, unknown> = text) => ({
  name,
  in: location,
  required,
  schema,
  ...(description && { description }),
});
const object = (required: string[], properties: Record<string, unknown>) => ({ type: 'object', required, properties });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** sts-api.md §3.3, §4.2, §5.2, §6.1 and §8: the bodies a client parses. */
const SCHEMAS = {
  Error: object(['RequestId', 'HostId', 'Code', 'Message'], {
    RequestId: text,
    HostId: text,
    Code: text,
    Message: text,
    Recommend: text,
    AccessDeniedDetail: { type: 'object', description: 'NoPermission refusals: who was refused what, and by which policy type' },
  }),
  Success: object(['RequestId'], { RequestId: { ...text, description: 'Uppercase UUID; also in the x-acs-request-id header' } }),
  AssumeRoleResponse: object(['RequestId', 'AssumedRoleUser', 'Credentials'], {
    RequestId: text,
    AssumedRoleUser: object(['Arn', 'AssumedRoleId'], {
      Arn: { ...text, example: 'acs:ram::1234567890123456:role/adminrole/alice' },
      AssumedRoleId: { ...text, description: '<RoleId>:<RoleSessionName>' },
    }),
    Credentials: object(['AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration'], {
      AccessKeyId: { ...text, pattern: '^STS\\.' },
      AccessKeySecret: text,
      SecurityToken: text,
      Expiration: { ...text, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$', description: 'UTC, second precision' },
    }),
    SourceIdentity: { ...text, description: 'Only when the request gave one' },
  }),
  AssumeRoleWithSAMLResponse: {
    allOf: [
      ref('AssumeRoleResponse'),
      object(['SAMLAssertionInfo'], {
        SAMLAssertionInfo: object(['SubjectType', 'Subject', 'Recipient', 'Issuer'], {
          SubjectType: { ...text, description: 'NameID Format without urn:oasis:names:tc:SAML:2.0:nameid-format:' },
          Subject: { ...text, description: 'NameID' },
          Recipient: text,
          Issuer: text,
        }),
      }),
    ],
  },
  AssumeRoleWithOIDCResponse: {
    allOf: [
      ref('AssumeRoleResponse'),
      object(['OIDCTokenInfo'], {
        OIDCTokenInfo: object(['Issuer', 'Subject', 'ClientIds', 'IssuanceTime', 'ExpirationTime', 'VerificationInfo'], {
          Issuer: text,
          Subject: text,
          ClientIds: { ...text, description: 'The token aud values, comma-separated' },
          IssuanceTime: { ...text, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' },
          ExpirationTime: { ...text, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' },
          VerificationInfo: { type: 'string', enum: ['Success'] },
        }),
      }),
    ],
  },
  GetCallerIdentityResponse: object(['RequestId', 'AccountId', 'Arn', 'IdentityType', 'PrincipalId'], {
    RequestId: text,
    AccountId: text,
    Arn: text,
    IdentityType: { type: 'string', enum: ['Account', 'RAMUser', 'AssumedRoleUser'] },
    PrincipalId: text,
    UserId: { ...text, description: 'Account and RAM user callers' },
    RoleId: { ...text, description: 'Assumed-role callers' },
  }),
};

const RESPONSE_SCHEMA: Record<string, string> = {
  'Sts.AssumeRole': 'AssumeRoleResponse',
  'Sts.AssumeRoleWithSAML': 'AssumeRoleWithSAMLResponse',
  'Sts.AssumeRoleWithOIDC': 'AssumeRoleWithOIDCResponse',
  'Sts.GetCallerIdentity': 'GetCallerIdentityResponse',
};

/**
 * One path item per action. OpenAPI keys operations by path and method, while RPC multiplexes
 * everything on `/`, so each action gets a pseudo-path `/#<Product>.<Action>` (the fragment never
 * reaches the server) whose operation documents the real request: `GET|POST /?Action=…&Version=…`
 * signed V1, or the V3 `x-acs-*` headers and `Authorization`.
 */
function operation(spec: ActionSpec) {
  const version = PRODUCT_VERSIONS[spec.product];
  const body = RESPONSE_SCHEMA[`${spec.product}.${spec.action}`] ?? 'Success';
  const errors = { description: 'Alibaba error envelope (sts-api.md §8)', content: { 'application/json': { schema: ref('Error') } } };
  return {
    post: {
      operationId: `${spec.product}_${spec.action}`,
      tags: [spec.product],
      summary: `${spec.product} ${version} ${spec.action}`,
      description:
        'Sent to `/` as GET or POST; parameters in the query or an application/x-www-form-urlencoded body. ' +
        (spec.anonymous ? 'Anonymous: no signature.' : 'Signed with V1 (HMAC-SHA1 parameters) or V3 (ACS3-HMAC-SHA256 Authorization header).') +
        (spec.resource ? ` Authorised as \`ram:${spec.action}\`.` : '') +
        (body === 'Success' ? ` Response fields: ram-api.md for ${spec.action}.` : ''),
      security: spec.anonymous ? [] : [{ acsSignatureV3: [] }, { acsSignatureV1: [] }],
      parameters: [
        param('Action', 'query', true, `\`${spec.action}\` (V3: header x-acs-action)`, { type: 'string', enum: [spec.action] }),
        param('Version', 'query', true, `\`${version}\` (V3: header x-acs-version)`, { type: 'string', enum: [version] }),
        ...spec.parameters.map((p) => param(p.name, 'query', p.required)),
        param('Format', 'query', false, 'Response format; JSON when absent', { type: 'string', enum: ['JSON', 'XML', 'json', 'xml'] }),
        ...(spec.anonymous ? ['Timestamp'] : COMMON_V1).map((name) => param(name, 'query', false)),
        ...(spec.anonymous ? [] : V3_HEADERS.map((name) => param(name, 'header', false))),
      ],
      responses: {
        '200': { description: 'Success; `Format=XML` gives the same fields as XML', content: { 'application/json': { schema: ref(body) } } },
        '4XX': errors,
        '5XX': errors,
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
    components: {
      schemas: SCHEMAS,
      securitySchemes: {
        acsSignatureV3: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: '`ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=…,Signature=…` over the canonical request (openapi-signing.md)',
        },
        acsSignatureV1: {
          type: 'apiKey',
          in: 'query',
          name: 'Signature',
          description: 'HMAC-SHA1 of the canonicalised parameters, with AccessKeyId, SignatureMethod, SignatureVersion, SignatureNonce and Timestamp (openapi-signing.md)',
        },
      },
    },
  };
}
