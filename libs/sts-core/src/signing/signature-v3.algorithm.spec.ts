import { parsedSigned } from './signed-request.fixtures';
import { verifySignature } from './signature.verifier';
import { computeV3Signature, EMPTY_BODY_SHA256, sha256Hex, type V3SignatureInput } from './signature-v3.algorithm';
import type { ParamPair } from './signing.types';

// Vectors from openapi-signing.md §4 (G–L) and sdk-wire.md §7 (V3-a, V3-b).
const J_HEADERS: ParamPair[] = [
  ['host', 'sts.aliyuncs.com'],
  ['x-acs-action', 'GetCallerIdentity'],
  ['x-acs-content-sha256', EMPTY_BODY_SHA256],
  ['x-acs-date', '2024-01-01T00:00:00Z'],
  ['x-acs-signature-nonce', '0123456789abcdef0123456789abcdef'],
  ['x-acs-version', '2015-04-01'],
];
const asAssumeRole = (headers: ParamPair[]): ParamPair[] =>
  headers.map(([n, v]) => [n, n === 'x-acs-action' ? 'AssumeRole' : v] as ParamPair);
const L_BODY = 'RoleArn=acs%3Aram%3A%3A1234567890123456%3Arole%2Ftest-role&RoleSessionName=alice';
const L_HASH = '1b6edc8cfabf95fb5707e70103340aa31ff2eb9a05cb06448a7cf3e24d27956f';
const H_PAYLOAD = '55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23';
const FORM = 'application/x-www-form-urlencoded';
const INTEROP_QUERY: ParamPair[] = [
  ['DurationSeconds', '900'],
  ['Policy', '{"Version":"1","Statement":[{"Effect":"Allow","Action":["sts:GetCallerIdentity","oss:Get*"],"Resource":"*"}]}'],
  ['RoleArn', 'acs:ram::1234567890123456:role/interop-role'],
  ['RoleSessionName', 'interop-session'],
];
const V3B_TOKEN = 'CAIScannedR72K371tYAWXc3ximr5jJqKgrISU5lvLbqtCMdIM6/D+e6++PYtltv1um97K+ETV';

type Vector = { id: string; input: V3SignatureInput; secret: string; signature: string } & Partial<
  Record<'canonicalRequest' | 'stringToSignHash' | 'signedHeaders', string>
>;
const rpc = (query: ParamPair[], headers: ParamPair[]): Omit<V3SignatureInput, 'hashedPayload'> => ({ method: 'POST', canonicalUri: '/', query, headers });

const vectors: Vector[] = [
  {
    id: 'G (V3 doc, RunInstances)',
    input: {
      ...rpc(
        [['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'], ['RegionId', 'cn-shanghai']],
        [
          ['host', 'ecs.cn-shanghai.aliyuncs.com'],
          ['x-acs-action', 'RunInstances'],
          ['x-acs-content-sha256', EMPTY_BODY_SHA256],
          ['x-acs-date', '2023-10-26T10:22:32Z'],
          ['x-acs-signature-nonce', '3156853299f313e23d1673dc12e1703d'],
          ['x-acs-version', '2014-05-26'],
        ],
      ),
      hashedPayload: EMPTY_BODY_SHA256,
    },
    secret: 'YourAccessKeySecret',
    stringToSignHash: '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    signedHeaders: 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    signature: '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
  },
  {
    id: 'H (openapi-util, repeated header, empty value)',
    input: {
      method: 'undefined',
      canonicalUri: '',
      query: [['test', 'ok'], ['empty', '']],
      headers: [['x-acs-TEST', 'https'], ['x-acs-test', 'http']],
      hashedPayload: H_PAYLOAD,
    },
    secret: 'secret',
    canonicalRequest:
      'undefined\n\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23',
    signature: '0f2d549523cf082c83bb8135b5863614f7fe16ca7c2c7fc537e74d67374eeeac',
  },
  {
    id: 'I (openapi-util, nothing signed)',
    input: { method: 'undefined', canonicalUri: '', query: [], headers: [], hashedPayload: H_PAYLOAD },
    secret: 'secret',
    signedHeaders: '',
    signature: '608b887e491f3e88e85276b188a4d24e29230a559464685ccbf2dcc458e1fde8',
  },
  {
    id: 'J (derived GetCallerIdentity)',
    input: { ...rpc([], J_HEADERS), hashedPayload: EMPTY_BODY_SHA256 },
    secret: 'ExampleSecret0000000000000000',
    stringToSignHash: '49a268561205697c6690975322912aeadf103c8ca416f295b7f7dba23ca1171e',
    signature: '71e20bbfa866f84431b615f282e535706273ab64aaf54f3ceaaa34534775c71f',
  },
  {
    id: 'K (derived AssumeRole with STS creds)',
    input: {
      ...rpc(
        [['RoleArn', 'acs:ram::1234567890123456:role/test-role'], ['RoleSessionName', 'alice']],
        [...asAssumeRole(J_HEADERS), ['x-acs-accesskey-id', 'STS.ExampleTempAKID'], ['x-acs-security-token', 'CAIS-example-token']],
      ),
      hashedPayload: EMPTY_BODY_SHA256,
    },
    secret: 'ExampleTempSecret',
    signedHeaders: 'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version',
    signature: '4bec26ef6a777453bc874bfb86e9e869cb441ca791d6214f28ba68b366f96313',
  },
  {
    id: 'L (derived form body)',
    input: {
      ...rpc([], [...asAssumeRole(J_HEADERS).filter(([n]) => n !== 'x-acs-content-sha256'), ['x-acs-content-sha256', L_HASH], ['content-type', FORM]]),
      hashedPayload: L_HASH,
    },
    secret: 'ExampleSecret0000000000000000',
    signedHeaders: 'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    signature: '67b218e9c5638544be76f5cfdc72dc5eb8dd86f93c7a3c9bbb18c4efa0515da8',
  },
  {
    id: 'V3-a (sts20150401 AssumeRole)',
    input: {
      ...rpc(INTEROP_QUERY, [
        ['host', '127.0.0.1:40693'],
        ['x-acs-action', 'AssumeRole'],
        ['x-acs-content-sha256', EMPTY_BODY_SHA256],
        ['x-acs-credentials-provider', 'static_ak'],
        ['x-acs-date', '2026-11-28T07:23:42Z'],
        ['x-acs-signature-nonce', '9d874a89d3f17fd40ce7387d6529167717a157861091650a51dd31a6ac413d9e'],
        ['x-acs-version', '2015-04-01'],
        ['user-agent', 'AlibabaCloud (linux; x64) Node.js/v20 Core/1.0.1 TeaDSL/2'],
        ['accept', 'application/json'],
      ]),
      hashedPayload: EMPTY_BODY_SHA256,
    },
    secret: 'testsecret',
    canonicalRequest: [
      'POST',
      '/',
      'DurationSeconds=900&Policy=%7B%22Version%22%3A%221%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22sts%3AGetCallerIdentity%22%2C%22oss%3AGet%2A%22%5D%2C%22Resource%22%3A%22%2A%22%7D%5D%7D&RoleArn=acs%3Aram%3A%3A1234567890123456%3Arole%2Finterop-role&RoleSessionName=interop-session',
      'host:127.0.0.1:40693',
      'x-acs-action:AssumeRole',
      'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-credentials-provider:static_ak',
      'x-acs-date:2026-11-28T07:23:42Z',
      'x-acs-signature-nonce:9d874a89d3f17fd40ce7387d6529167717a157861091650a51dd31a6ac413d9e',
      'x-acs-version:2015-04-01',
      '',
      'host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version',
      EMPTY_BODY_SHA256,
    ].join('\n'),
    stringToSignHash: '8508323c5d6e32d7651a56fd487fd67c320f76a8265c4170de1140ca8a2684f5',
    signature: 'aeb18cad1ab0439aacd6e0245b4ef209f9adfa369fbb0985fd919d9798d5650e',
  },
  {
    id: 'V3-b (sts20150401 GetCallerIdentity, STS token)',
    input: {
      ...rpc([], [
        ['host', '127.0.0.1:40693'],
        ['x-acs-accesskey-id', 'STS.NUcanned000000000001'],
        ['x-acs-action', 'GetCallerIdentity'],
        ['x-acs-content-sha256', EMPTY_BODY_SHA256],
        ['x-acs-credentials-provider', 'static_sts'],
        ['x-acs-date', '2026-11-28T07:23:42Z'],
        ['x-acs-security-token', V3B_TOKEN],
        ['x-acs-signature-nonce', '142a358b0d2df1a2efe39c15eee1eab3217205b33909d9e5723440b3b54938b9'],
        ['x-acs-version', '2015-04-01'],
      ]),
      hashedPayload: EMPTY_BODY_SHA256,
    },
    secret: '40uNrGIwp-mZ0MIFuu6ZPFYF0pQ',
    stringToSignHash: '6b0d09e7d52725871415f21a51ff63fcee931a33e3d715de7f0ce7672b9c59b6',
    signedHeaders:
      'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version',
    signature: '58f4b3437f5b5e569a52ef9496de0d330333d0170504a8adba32031fdeb98bab',
  },
];

describe(computeV3Signature.name, () => {
  it.each(vectors)('vector $id', ({ input, secret, signature, canonicalRequest, stringToSignHash, signedHeaders }) => {
    const sut = computeV3Signature(input, secret);

    if (canonicalRequest !== undefined) expect(sut.canonicalRequest).toBe(canonicalRequest);
    if (stringToSignHash !== undefined) expect(sut.stringToSign).toBe(`ACS3-HMAC-SHA256\n${stringToSignHash}`);
    if (signedHeaders !== undefined) expect(sut.signedHeadersList).toBe(signedHeaders);
    expect(sut.signature).toBe(signature);
  });

  it('vector L: the declared content hash is the SHA-256 of the form body', () => {
    expect(sha256Hex(L_BODY)).toBe(L_HASH);
  });
});

describe(verifySignature.name, () => {
  const serverSide = vectors.filter((v) => v.input.method === 'POST');

  it.each(serverSide)('accepts vector $id as a server would receive it', ({ id, input, secret, signature }) => {
    const signedHeaders = computeV3Signature(input, secret).signedHeadersList;
    const accessKeyId = input.headers.find(([n]) => n === 'x-acs-accesskey-id')?.[1] ?? 'LTAI5tExampleAKID0000000';
    const headers: Record<string, string> = Object.fromEntries(input.headers);
    headers['authorization'] = `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
    const withBody = id.startsWith('L');
    const request = parsedSigned({
      ...{ method: 'POST', path: '/', query: input.query, headers },
      ...(withBody ? { body: L_BODY, form: [...new URLSearchParams(L_BODY)] } : {}),
    });

    expect(verifySignature(request, secret)).toEqual({ ok: true });
  });
});
