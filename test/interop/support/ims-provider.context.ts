import { IMS_TRANSPORTS, type ImsBody, type ImsCall, type ImsTransport } from './ims-clients';
import type { InteropTarget } from './interop-target';

export { b64, idpMetadata, testCertificateDer } from '../../../apps/identity-directory/src/federation/saml/saml-metadata.fixtures';

/** The running process and three self-signed certificates (base64 DER) for IdP metadata. */
export interface ProviderContext {
  readonly target: InteropTarget;
  readonly certs: readonly [string, string, string];
}

export const REQUEST_ID = /^[0-9A-F-]{36}$/;

/** The root's client over `transport`; names made from `tag` keep each transport's providers apart. */
export function rootIms(transport: ImsTransport, ctx: () => ProviderContext): { ims: () => ImsCall; tag: string; accountId: () => string } {
  return {
    ims: () => IMS_TRANSPORTS[transport](ctx().target.httpHost, ctx().target.root),
    tag: transport.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase(),
    accountId: () => ctx().target.root.accountId,
  };
}

/** Walks a provider list one item per page by its Marker (ram-api.md §1) and returns every item. */
export async function listByPages(call: ImsCall, action: string, plural: string, singular: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 200; page++) {
    const body: ImsBody = await call(action, { MaxItems: '1', ...(marker !== undefined && { Marker: marker }) });
    const batch = (body[plural] as Record<string, Record<string, unknown>[]>)[singular];
    expect(batch.length).toBeLessThanOrEqual(1);
    items.push(...batch);
    if (body.IsTruncated !== true) {
      expect(body).toMatchObject({ IsTruncated: false });
      expect(body.Marker).toBeUndefined();
      return items;
    }
    expect(body.Marker).toEqual(expect.any(String));
    marker = body.Marker as string;
  }
  throw new Error(`${action}: still truncated after 200 pages`);
}
