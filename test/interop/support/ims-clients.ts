import { callApi, popCore, type SdkCredentials } from './sdk-clients';

/** IMS, where SAML and OIDC providers live (federation.md A.1, B.1; ram-api.md §7–§8). */
export const IMS_VERSION = '2019-08-15';

export type ImsBody = Record<string, unknown> & { RequestId: string };

/** One IMS action with its parameters, answered with the success body; throws what the SDK throws. */
export type ImsCall = (action: string, params?: Record<string, string>) => Promise<ImsBody>;

/** There is no IMS SDK in the dependencies: the generic official clients speak it. */
export const IMS_TRANSPORTS = {
  /** `@alicloud/openapi-client` callApi, signature V3 (the Tea default), parameters in the query. */
  'callApi V3': (host: string, c: SdkCredentials): ImsCall => async (action, params = {}) => {
    const res = await callApi(host, c, 'v3', action, IMS_VERSION, params);
    expect(res.statusCode).toBe(200);
    return res.body as ImsBody;
  },
  /** `@alicloud/pop-core`, signature V1, parameters in the query string. */
  'pop-core V1 GET': (host: string, c: SdkCredentials): ImsCall => (action, params = {}) => popCore(host, c, IMS_VERSION).request<ImsBody>(action, params, { method: 'GET' }),
  /** `@alicloud/pop-core`, signature V1, parameters as a form body. */
  'pop-core V1 POST': (host: string, c: SdkCredentials): ImsCall => (action, params = {}) => popCore(host, c, IMS_VERSION).request<ImsBody>(action, params, { method: 'POST' }),
} as const;

export type ImsTransport = keyof typeof IMS_TRANSPORTS;
