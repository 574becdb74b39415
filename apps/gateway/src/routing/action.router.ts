import { PRODUCT_VERSIONS, type Product } from '@opensts/platform';
import { Errors, type StsError } from '@opensts/sts-core/errors';
import type { HeaderMap, NormalisedRequest } from '@opensts/sts-core/signing';
import { firstParameter } from '../http/first-parameter';
import type { ActionSpec } from './action-spec';
import { IMS_ACTIONS } from './ims-actions.table';
import { RAM_ACTIONS } from './ram-actions.table';
import { STS_ACTIONS } from './sts-actions.table';

/** Every action the gateway serves, in the order `/openapi.json` lists them. */
export const ACTION_TABLE: readonly ActionSpec[] = [...STS_ACTIONS, ...RAM_ACTIONS, ...IMS_ACTIONS];

export type RouteResult =
  | { readonly ok: true; readonly spec: ActionSpec; readonly version: string }
  | { readonly ok: false; readonly error: StsError };

const header = (headers: HeaderMap, name: string): string | undefined => {
  const v = headers[name];
  return v === undefined || typeof v === 'string' ? v || undefined : v.join(',');
};

const param = (req: NormalisedRequest, name: string): string | undefined => firstParameter(req, name) || undefined;

/**
 * Picks the action before any credential is looked up. Action and Version come from where the
 * signature scheme puts them (sdk-wire.md §2): V3 (`Authorization: ACS3-…`) only from the
 * `x-acs-action` / `x-acs-version` headers, V1 and unsigned calls from the parameters, else from
 * the headers (Tea's anonymous V3 calls). The Version alone decides the product: the three
 * products have distinct versions, so the Host is not needed.
 */
export class ActionRouter {
  private readonly products = new Map<string, Product>();
  private readonly actions = new Map<Product, Map<string, ActionSpec>>();

  constructor(table: readonly ActionSpec[] = ACTION_TABLE) {
    for (const [product, version] of Object.entries(PRODUCT_VERSIONS) as [Product, string][]) {
      this.products.set(version, product);
      this.actions.set(product, new Map());
    }
    for (const spec of table) this.actions.get(spec.product)!.set(spec.action, spec);
  }

  route(req: NormalisedRequest): RouteResult {
    const v3 = header(req.headers, 'authorization')?.startsWith('ACS3-') ?? false;
    const action = v3 ? header(req.headers, 'x-acs-action') : (param(req, 'Action') ?? header(req.headers, 'x-acs-action'));
    const version = v3 ? header(req.headers, 'x-acs-version') : (param(req, 'Version') ?? header(req.headers, 'x-acs-version'));
    if (action === undefined) return { ok: false, error: Errors.missingCommonParameter('Action') };
    if (version === undefined) return { ok: false, error: Errors.missingCommonParameter('Version') };
    const product = this.products.get(version);
    if (product === undefined) return { ok: false, error: Errors.invalidVersion() };
    const spec = this.actions.get(product)!.get(action);
    return spec ? { ok: true, spec, version } : { ok: false, error: Errors.invalidActionNotFound() };
  }
}
