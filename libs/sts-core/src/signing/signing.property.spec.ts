import fc from 'fast-check';
import { signV1, signV3 } from './request.signer';
import { toQueryString } from './percent.encoder';
import { verifySignature } from './signature.verifier';
import { KEYS, LONG_TERM, NOW, serverVerdict, SOMEONE_ELSE, TEMPORARY, v1Request, v3Request } from './signed-request.fixtures';
import type { NormalisedRequest, ParamPair } from './signing.types';

// Round trips and single mutations over arbitrary parameters: Unicode incl. astral, reserved
// characters, empty values, and the characters encoders most often get wrong.
const TRICKY = ['', '*', '~', '+', '%', '%2A', '%25', ' ', 'a b', '&=?#/', "!'()", 'é', '阿里云', '\u{1F600}', '\u{10FFFF}', '\uE000'];
const COMMON = new Set(['Signature', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'SecurityToken', 'Action', 'Version']);

const text = (minLength: number) =>
  fc.oneof(fc.string({ unit: 'binary', minLength, maxLength: 16 }), fc.constantFrom(...TRICKY.filter((t) => t.length >= minLength)));
const businessParams = fc.uniqueArray(fc.tuple(text(1), text(0)), { selector: ([name]) => name, maxLength: 8 })
  .map((pairs) => pairs.filter(([name]) => !COMMON.has(name)) as ParamPair[]);
const credentials = fc.constantFrom(LONG_TERM, TEMPORARY);
const differentFrom = (original: string) => text(0).map((v) => (v === original ? v + 'x' : v));
const OTHER_PATHS = ['/x', '//', '/%2F', '/a/b', ''];

const v1Case = fc.record({
  method: fc.constantFrom('GET', 'POST'),
  business: businessParams,
  credentials,
  bodySeed: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
});
type V1Case = typeof v1Case extends fc.Arbitrary<infer T> ? T : never;

function buildV1({ method, business, credentials: creds, bodySeed }: V1Case) {
  const signed = signV1({ method, params: [['Action', 'AssumeRole'], ['Version', '2015-04-01'], ...business], credentials: creds, timestamp: NOW });
  const names = Object.keys(signed);
  // POST spreads parameters (Signature included) between query and body; GET has no body.
  const inBody = (name: string) => method === 'POST' && bodySeed[names.indexOf(name) % bodySeed.length];
  return { signed, request: v1Request(signed, { method, inBody }), secret: creds.accessKeySecret };
}

type Mutation = (req: NormalisedRequest) => NormalisedRequest;
const inQueryOrForm = (req: NormalisedRequest, edit: (pairs: ParamPair[]) => ParamPair[], inForm: boolean): NormalisedRequest =>
  inForm && req.form ? { ...req, form: edit([...req.form]) } : { ...req, query: edit([...req.query]) };

/** Edits the decoded query and (V1 only: V3 covers the body through its hash) the decoded form. */
function paramMutations(req: NormalisedRequest, exclude: ReadonlySet<string>, form: boolean): fc.Arbitrary<Mutation> {
  const inForm = form ? (req.form ?? []) : [];
  const all = [...req.query.map((p) => [p, false] as const), ...inForm.map((p) => [p, true] as const)].filter(([[n]]) => !exclude.has(n));
  const add = text(1).filter((n) => !all.some(([[m]]) => m === n) && !(req.form ?? []).some(([m]) => m === n) && !COMMON.has(n));
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc.tuple(add, text(0), fc.boolean()).map(([n, v, toForm]) => (r: NormalisedRequest) => inQueryOrForm(r, (ps) => [...ps, [n, v]], form && toForm)),
  ];
  if (all.length > 0) {
    const pick = fc.constantFrom(...all);
    mutations.push(
      fc.tuple(pick, fc.nat()).chain(([[[name, value], inForm]]) =>
        differentFrom(value).map((v) => (r: NormalisedRequest) => inQueryOrForm(r, (ps) => ps.map(([n, old]) => [n, n === name ? v : old]), inForm)),
      ),
      pick.map(([[name], inForm]) => (r: NormalisedRequest) => inQueryOrForm(r, (ps) => ps.filter(([n]) => n !== name), inForm)),
      fc.tuple(pick, add).map(([[[name], inForm], renamed]) => (r: NormalisedRequest) =>
        inQueryOrForm(r, (ps) => ps.map(([n, v]) => [n === name ? renamed : n, v]), inForm),
      ),
    );
  }
  return fc.oneof(...mutations);
}

const requestMutations = (method: string): fc.Arbitrary<Mutation>[] => [
  fc.constantFrom(...['GET', 'POST', 'PUT', 'get'].filter((m) => m !== method)).map((m) => (r: NormalisedRequest) => ({ ...r, method: m })),
  fc.constantFrom(...OTHER_PATHS).map((path) => (r: NormalisedRequest) => ({ ...r, path })),
];

describe(verifySignature.name, () => {
  describe('V1 (HMAC-SHA1)', () => {
    it('verifies whatever signV1 signs, GET or POST, parameters split between query and body', () => {
      fc.assert(
        fc.property(v1Case, (c) => {
          const { request } = buildV1(c);

          expect(serverVerdict(request, KEYS)).toEqual({ ok: true });
        }),
      );
    });

    it('rejects any single mutation of a signed request', () => {
      const scenario = v1Case.chain((c) => {
        const built = buildV1(c);
        const signature = built.signed['Signature'];
        return fc.record({
          built: fc.constant(built),
          mutate: fc.oneof(
            paramMutations(built.request, new Set(['Signature']), true),
            ...requestMutations(c.method),
            differentFrom(signature).map((s) => (r: NormalisedRequest) => replaceParam(r, 'Signature', s)),
            fc.constant((r: NormalisedRequest) => replaceParam(r, 'Signature', flipFirst(signature))),
          ),
          otherSecret: differentFrom(built.secret),
        });
      });
      fc.assert(
        fc.property(scenario, ({ built, mutate, otherSecret }) => {
          expect(serverVerdict(mutate(built.request), KEYS).ok).toBe(false);
          expect(serverVerdict(built.request, () => otherSecret).ok).toBe(false);
        }),
      );
    });
  });

  describe('V3 (ACS3-HMAC-SHA256)', () => {
    const body = fc.oneof(
      fc.constant({ kind: 'none' as const }),
      businessParams.map((form) => ({ kind: 'form' as const, form })),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'bytes' as const, bytes })),
    );
    const v3Case = fc
      .record({ method: fc.constantFrom('GET', 'POST'), query: businessParams, body, credentials })
      // A name in both the query and the form body is refused as ambiguous, so keep them apart here.
      .map((c) => (c.body.kind !== 'form' ? c : { ...c, body: { ...c.body, form: c.body.form.filter(([n]) => !c.query.some(([q]) => q === n)) } }));
    type V3Case = typeof v3Case extends fc.Arbitrary<infer T> ? T : never;

    function buildV3({ method, query, body: b, credentials: creds }: V3Case) {
      const raw = b.kind === 'form' ? toQueryString(b.form) : b.kind === 'bytes' ? Buffer.from(b.bytes) : undefined;
      const contentType = b.kind === 'form' ? 'application/x-www-form-urlencoded' : b.kind === 'bytes' ? 'application/octet-stream' : undefined;
      const headers = signV3({
        method,
        host: '127.0.0.1:40693',
        action: 'AssumeRole',
        version: '2015-04-01',
        query,
        headers: { ...(contentType ? { 'content-type': contentType } : {}), 'x-acs-credentials-provider': 'static_ak' },
        body: raw,
        credentials: creds,
        date: NOW,
      });
      const request = v3Request(headers, { method, query, body: raw, form: b.kind === 'form' ? [...new URLSearchParams(raw as string)] : undefined });
      return { headers, request, raw, secret: creds.accessKeySecret };
    }

    it('verifies whatever signV3 signs, with query, form or binary bodies', () => {
      fc.assert(
        fc.property(v3Case, (c) => {
          const { request } = buildV3(c);

          expect(serverVerdict(request, KEYS)).toEqual({ ok: true });
        }),
      );
    });

    it('rejects any single mutation of a signed request', () => {
      const scenario = v3Case.chain((c) => {
        const built = buildV3(c);
        const signed = Object.keys(built.headers).filter((n) => n !== 'authorization');
        const authorization = built.headers['authorization'];
        const signature = authorization.slice(authorization.lastIndexOf('=') + 1);
        const setHeader = (name: string, value: string | undefined): Mutation => (r) => ({ ...r, headers: { ...r.headers, [name]: value } });
        const raw = built.raw === undefined ? Buffer.alloc(0) : Buffer.from(built.raw);
        return fc.record({
          built: fc.constant(built),
          mutate: fc.oneof(
            paramMutations(built.request, new Set(), false),
            ...requestMutations(c.method),
            fc.constantFrom(...signed).chain((name) => differentFrom(built.headers[name]).map((v) => setHeader(name, v + 'x'))),
            fc.constantFrom(...signed).map((name) => setHeader(name, undefined)),
            // an unsigned content-type counts only over a body (an empty body's is ignored, ADR 0009)
            fc.constantFrom('x-acs-extra', 'x-acs-security-token', 'content-type').filter((n) => !signed.includes(n) && (n !== 'content-type' || raw.length > 0)).map((n) => setHeader(n, 'v')),
            fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, delta]) => (r: NormalisedRequest) => ({
              ...r,
              body: raw.length === 0 ? Buffer.from([delta]) : Buffer.from(raw.map((byte, i) => (i === at % raw.length ? (byte + delta) & 255 : byte))),
            })),
            fc.constant(setHeader('authorization', authorization.replace(signature, flipFirst(signature)))),
            // V3 does not sign Credential; the secret the server looks up for the claimed key is what refuses it.
            fc.constant(setHeader('authorization', authorization.replace(/Credential=[^,]*/, `Credential=${SOMEONE_ELSE.accessKeyId}`))),
          ),
          otherSecret: differentFrom(built.secret),
        });
      });
      fc.assert(
        fc.property(scenario, ({ built, mutate, otherSecret }) => {
          expect(serverVerdict(mutate(built.request), KEYS).ok).toBe(false);
          expect(serverVerdict(built.request, () => otherSecret).ok).toBe(false);
        }),
      );
    });
  });
});

function replaceParam(req: NormalisedRequest, name: string, value: string): NormalisedRequest {
  const swap = (ps: readonly ParamPair[]): ParamPair[] => ps.map(([n, v]) => [n, n === name ? value : v]);
  return { ...req, query: swap(req.query), form: req.form && swap(req.form) };
}

/** Changes the first character while staying in the base64 / hex alphabet. */
function flipFirst(signature: string): string {
  return (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
}
