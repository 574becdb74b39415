import { ACTION_OWNERS } from '@opensts/platform';
import type { NormalisedRequest } from '@opensts/sts-core/signing';
import { ACTION_TABLE, ActionRouter } from './action.router';

const req = (query: [string, string][], headers: Record<string, string> = {}, form?: [string, string][]): NormalisedRequest => ({
  method: 'POST',
  path: '/',
  query,
  form,
  headers: { host: 'h', ...headers },
});

describe(ActionRouter.name, () => {
  const sut = new ActionRouter();

  it('routes V1 by the Action and Version parameters, from the query or the body', () => {
    expect(sut.route(req([['Action', 'AssumeRole'], ['Version', '2015-04-01']]))).toMatchObject({ ok: true, spec: { product: 'Sts', action: 'AssumeRole' }, version: '2015-04-01' });
    expect(sut.route(req([], {}, [['Action', 'CreateUser'], ['Version', '2015-05-01']]))).toMatchObject({ ok: true, spec: { product: 'Ram', action: 'CreateUser' } });
    expect(sut.route(req([['Action', 'CreateOIDCProvider'], ['Version', '2019-08-15']]))).toMatchObject({ ok: true, spec: { product: 'Ims' } });
  });

  it('routes V3 only by the x-acs-action / x-acs-version headers, ignoring parameters', () => {
    const v3 = { authorization: 'ACS3-HMAC-SHA256 Credential=x', 'x-acs-action': 'GetCallerIdentity', 'x-acs-version': '2015-04-01' };
    expect(sut.route(req([['Action', 'CreateUser'], ['Version', '2015-05-01']], v3))).toMatchObject({ ok: true, spec: { action: 'GetCallerIdentity' } });
  });

  it('routes an unsigned Tea call by its headers when it has no parameters', () => {
    expect(sut.route(req([], { 'x-acs-action': 'AssumeRoleWithOIDC', 'x-acs-version': '2015-04-01' }))).toMatchObject({ ok: true, spec: { anonymous: true } });
  });

  it.each([
    [req([['Version', '2015-04-01']]), 'MissingAction', 400],
    [req([['Action', 'AssumeRole']]), 'MissingVersion', 400],
    [req([['Action', 'AssumeRole'], ['Version', '2014-05-26']]), 'InvalidVersion', 400],
    [req([['Action', 'DescribeRegions'], ['Version', '2015-04-01']]), 'InvalidAction.NotFound', 404],
    // the action exists, but in another product than the Version names
    [req([['Action', 'CreateUser'], ['Version', '2015-04-01']]), 'InvalidAction.NotFound', 404],
    [req([['Action', 'assumerole'], ['Version', '2015-04-01']]), 'InvalidAction.NotFound', 404],
  ])('refuses with the spec code (%#)', (request, code, status) => {
    expect(sut.route(request)).toMatchObject({ ok: false, error: { code, httpStatus: status } });
  });

  it('routes exactly the actions ACTION_OWNERS assigns to a service', () => {
    const routed = ACTION_TABLE.map((s) => `${s.product}:${s.action}`).sort();
    const owned = Object.entries(ACTION_OWNERS).flatMap(([product, actions]) => Object.keys(actions).map((a) => `${product}:${a}`)).sort();
    expect(routed).toEqual(owned);
  });

  it('has a RAM resource rule for every RAM and IMS action and none for STS', () => {
    for (const spec of ACTION_TABLE) expect(spec.resource === undefined).toBe(spec.product === 'Sts');
  });
});
