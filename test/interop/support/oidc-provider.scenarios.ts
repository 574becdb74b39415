import { DATE } from '../../support/ram-sdk';
import type { ImsTransport } from './ims-clients';
import { listByPages, REQUEST_ID, rootIms, type ProviderContext } from './ims-provider.context';
import { failureOf } from './sdk-clients';

/** A SHA-1 thumbprint as the spec writes them: 40 lower-case hex digits (federation.md B.1). */
const fingerprint = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

/**
 * OIDC providers (ram-api.md §8, federation.md B.1) through the gateway's signed HTTP path, with
 * the account root's key over one transport: every action, its response shape, and each refusal
 * the spec names with its HTTP status.
 */
export function oidcProviderScenarios(transport: ImsTransport, ctx: () => ProviderContext): void {
  const { ims, tag, accountId } = rootIms(transport, ctx);
  const issuer = `https://oidc.example.com/${tag}`;

  it('CreateOIDCProvider, GetOIDCProvider, ListOIDCProviders page by page, UpdateOIDCProvider, the four list edits, DeleteOIDCProvider', async () => {
    const name = `oidc-${tag}`;
    const arn = `acs:ram::${accountId()}:oidc-provider/${name}`;
    // comma lists as SDK users send them, with a space after the comma: trimmed (ram-api.md §8)
    const created = await ims()('CreateOIDCProvider', { OIDCProviderName: name, IssuerUrl: issuer, Fingerprints: `${fingerprint(1)}, ${fingerprint(2)}`, ClientIds: 'sts.aliyuncs.com, app-1', Description: 'cluster' });
    expect(created.RequestId).toMatch(REQUEST_ID);
    const provider = created.OIDCProvider as Record<string, unknown>;
    expect(provider).toEqual({
      Arn: arn, OIDCProviderName: name, IssuerUrl: issuer, Fingerprints: `${fingerprint(1)},${fingerprint(2)}`, ClientIds: 'sts.aliyuncs.com,app-1',
      IssuanceLimitTime: 12, Description: 'cluster', CreateDate: expect.stringMatching(DATE), UpdateDate: expect.stringMatching(DATE),
      GmtCreate: expect.stringMatching(/^\d{13}$/), GmtModified: expect.stringMatching(/^\d{13}$/),
    });
    expect(provider.GmtCreate).toBe(String(Date.parse(provider.CreateDate as string)));
    expect((await ims()('GetOIDCProvider', { OIDCProviderName: name })).OIDCProvider).toEqual(provider);

    await ims()('CreateOIDCProvider', { OIDCProviderName: `${name}-2`, IssuerUrl: `${issuer}/2`, Fingerprints: fingerprint(3), IssuanceLimitTime: '168' });
    const listed = (await listByPages(ims(), 'ListOIDCProviders', 'OIDCProviders', 'OIDCProvider')).filter((p) => String(p.OIDCProviderName).startsWith(name));
    expect(listed).toEqual([provider, expect.objectContaining({ OIDCProviderName: `${name}-2`, IssuerUrl: `${issuer}/2`, Fingerprints: fingerprint(3), ClientIds: '', IssuanceLimitTime: 168 })]);

    const updated = (await ims()('UpdateOIDCProvider', { OIDCProviderName: name, ClientIds: 'app-2', IssuanceLimitTime: '24', NewDescription: 'updated' })).OIDCProvider;
    expect(updated).toEqual({ ...provider, ClientIds: 'app-2', IssuanceLimitTime: 24, Description: 'updated', UpdateDate: expect.stringMatching(DATE), GmtModified: expect.stringMatching(/^\d{13}$/) });

    const edit = async (action: string, param: 'ClientId' | 'Fingerprint', value: string) => (await ims()(action, { OIDCProviderName: name, [param]: value })).OIDCProvider;
    expect(await edit('AddClientIdToOIDCProvider', 'ClientId', 'app-3')).toMatchObject({ Arn: arn, ClientIds: 'app-2,app-3' });
    expect(await edit('RemoveClientIdFromOIDCProvider', 'ClientId', 'app-2')).toMatchObject({ ClientIds: 'app-3' });
    expect(await edit('AddFingerprintToOIDCProvider', 'Fingerprint', fingerprint(4))).toMatchObject({ Fingerprints: [1, 2, 4].map(fingerprint).join(',') });
    expect(await edit('RemoveFingerprintFromOIDCProvider', 'Fingerprint', fingerprint(1))).toMatchObject({ Fingerprints: [2, 4].map(fingerprint).join(',') });
    expect((await ims()('GetOIDCProvider', { OIDCProviderName: name })).OIDCProvider).toMatchObject({ IssuerUrl: issuer, ClientIds: 'app-3', Fingerprints: [2, 4].map(fingerprint).join(','), IssuanceLimitTime: 24 });

    for (const n of [name, `${name}-2`]) expect(Object.keys(await ims()('DeleteOIDCProvider', { OIDCProviderName: n }))).toEqual(['RequestId']);
    expect(await failureOf(() => ims()('GetOIDCProvider', { OIDCProviderName: name }))).toMatchObject({ code: 'EntityNotExist.OIDCProvider', status: 404 });
    expect((await listByPages(ims(), 'ListOIDCProviders', 'OIDCProviders', 'OIDCProvider')).filter((p) => String(p.OIDCProviderName).startsWith(name))).toEqual([]);
  });

  it('refusals: duplicate name or IssuerUrl 409, missing provider 404, bad IssuerUrl / Fingerprint / ClientId 400, more than 5 fingerprints or 50 client ids 409', async () => {
    const name = `oidc-${tag}-dup`;
    const create = (params: Record<string, string>) => ims()('CreateOIDCProvider', { OIDCProviderName: `oidc-${tag}-bad`, IssuerUrl: `${issuer}/bad`, Fingerprints: fingerprint(1), ...params });
    const refusal = async (what: unknown, call: () => Promise<unknown>) => ({ what, ...(await failureOf(call)) });
    await ims()('CreateOIDCProvider', { OIDCProviderName: name, IssuerUrl: `${issuer}/dup`, Fingerprints: fingerprint(1) });
    expect(await failureOf(() => ims()('CreateOIDCProvider', { OIDCProviderName: name, IssuerUrl: `${issuer}/other`, Fingerprints: fingerprint(1) }))).toMatchObject({ code: 'EntityAlreadyExists.OIDCProvider', status: 409 });
    // the IssuerUrl is unique within the account too
    expect(await failureOf(() => create({ IssuerUrl: `${issuer}/dup` }))).toMatchObject({ code: 'EntityAlreadyExists.OIDCProvider', status: 409 });

    const nobody = { OIDCProviderName: `oidc-${tag}-nobody` };
    for (const [action, params] of [
      ['GetOIDCProvider', nobody], ['UpdateOIDCProvider', { ...nobody, NewDescription: 'x' }], ['DeleteOIDCProvider', nobody],
      ['AddClientIdToOIDCProvider', { ...nobody, ClientId: 'app' }], ['AddFingerprintToOIDCProvider', { ...nobody, Fingerprint: fingerprint(9) }],
    ] as const) {
      expect(await refusal(action, () => ims()(action, params))).toMatchObject({ what: action, code: 'EntityNotExist.OIDCProvider', status: 404 });
    }

    const longUrl = `https://${'a'.repeat(250)}.example.com/`;
    for (const bad of ['http://oidc.example.com/x', 'https://oidc.example.com/x?tenant=1', 'https://oidc.example.com/x#frag', 'https://user@oidc.example.com/x', 'not a url', longUrl]) {
      expect(await refusal(bad, () => create({ IssuerUrl: bad }))).toMatchObject({ what: bad, code: 'InvalidParameter.IssuerUrl', status: 400 });
    }
    for (const bad of ['not-hex', fingerprint(1).slice(1), `${fingerprint(1)}00`]) {
      expect(await refusal(bad, () => create({ Fingerprints: bad }))).toMatchObject({ what: bad, code: 'InvalidParameter.Fingerprint', status: 400 });
      expect(await refusal(bad, () => ims()('AddFingerprintToOIDCProvider', { OIDCProviderName: name, Fingerprint: bad }))).toMatchObject({ what: bad, code: 'InvalidParameter.Fingerprint', status: 400 });
    }
    for (const bad of ['-app', 'app with spaces']) {
      expect(await refusal(bad, () => create({ ClientIds: bad }))).toMatchObject({ what: bad, code: 'InvalidParameter.ClientId', status: 400 });
    }
    const six = [1, 2, 3, 4, 5, 6].map(fingerprint);
    expect(await failureOf(() => create({ Fingerprints: six.join(',') }))).toMatchObject({ code: 'LimitExceeded.OIDCProvider.Fingerprint', status: 409 });
    for (const f of six.slice(1, 5)) await ims()('AddFingerprintToOIDCProvider', { OIDCProviderName: name, Fingerprint: f });
    expect(await failureOf(() => ims()('AddFingerprintToOIDCProvider', { OIDCProviderName: name, Fingerprint: six[5] }))).toMatchObject({ code: 'LimitExceeded.OIDCProvider.Fingerprint', status: 409 });
    const clientIds = Array.from({ length: 51 }, (_, i) => `app-${i}`);
    expect(await failureOf(() => create({ ClientIds: clientIds.join(',') }))).toMatchObject({ code: 'LimitExceeded.OIDCProvider.ClientId', status: 409 });
    expect(await failureOf(() => ims()('UpdateOIDCProvider', { OIDCProviderName: name, ClientIds: clientIds.join(',') }))).toMatchObject({ code: 'LimitExceeded.OIDCProvider.ClientId', status: 409 });
    expect((await create({ OIDCProviderName: `oidc-${tag}-fifty`, IssuerUrl: `${issuer}/fifty`, ClientIds: clientIds.slice(0, 50).join(',') })).OIDCProvider).toMatchObject({ ClientIds: clientIds.slice(0, 50).join(',') });

    // IssuanceLimitTime is 1-168 hours; the required parameters in the gateway's generic form (sts-api.md §9)
    for (const bad of ['0', '169']) expect(await refusal(bad, () => create({ IssuanceLimitTime: bad }))).toMatchObject({ what: bad, code: 'InvalidParameter.IssuanceLimitTime', status: 400 });
    expect(await failureOf(() => ims()('CreateOIDCProvider', { OIDCProviderName: `oidc-${tag}-bad`, Fingerprints: fingerprint(1) }))).toMatchObject({ code: 'MissingIssuerUrl', status: 400 });
    expect(await failureOf(() => ims()('CreateOIDCProvider', { OIDCProviderName: `oidc-${tag}-bad`, IssuerUrl: `${issuer}/bad` }))).toMatchObject({ code: 'MissingFingerprints', status: 400 });
    expect(await failureOf(() => ims()('GetOIDCProvider', { OIDCProviderName: `oidc-${tag}-bad` }))).toMatchObject({ code: 'EntityNotExist.OIDCProvider', status: 404 });
    for (const n of [name, `oidc-${tag}-fifty`]) await ims()('DeleteOIDCProvider', { OIDCProviderName: n });
  });
}
