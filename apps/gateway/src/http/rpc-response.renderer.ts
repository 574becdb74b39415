import type { ActionBody } from '@opensts/platform';
import type { StsError } from '@opensts/sts-core/errors';
import type { NormalisedRequest } from '@opensts/sts-core/signing';
import { firstParameter } from './first-parameter';
import { fieldsToXml, toXmlDocument, XML_DECLARATION } from './xml.serializer';

export type ResponseFormat = 'JSON' | 'XML';

export interface RenderedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Exactly the strings the SDKs test for (sdk-wire.md §5: Tea parses XML errors only with this one). */
export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';
export const XML_CONTENT_TYPE = 'text/xml;charset=utf-8';

/** JSON unless the caller asked `Format=XML` (any case): V3 sends no Format and every SDK wants JSON. */
export function responseFormat(req: NormalisedRequest | undefined): ResponseFormat {
  return req && firstParameter(req, 'Format')?.toLowerCase() === 'xml' ? 'XML' : 'JSON';
}

/**
 * `{RequestId, ...body}`, RequestId first as Alibaba writes it. A success body must never carry
 * `Code` (pop-core takes any Code but 200/OK/Success for an error), so one from a handler is dropped.
 */
export function renderSuccess(action: string, requestId: string, body: ActionBody, format: ResponseFormat): RenderedResponse {
  const fields: Record<string, unknown> = { RequestId: requestId, ...body };
  if ('Code' in fields) delete fields.Code;
  return format === 'XML'
    ? { status: 200, contentType: XML_CONTENT_TYPE, body: toXmlDocument(`${action}Response`, fields) }
    : { status: 200, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(fields) };
}

export interface ErrorContext {
  readonly requestId: string;
  /** The Host the request was sent to. */
  readonly hostId: string;
  /** Product code for the troubleshooting link, when routing got that far. */
  readonly product?: string;
}

/** The error envelope of sts-api.md §8: RequestId, HostId, Code, Message, Recommend (+ StsError.detail). */
export function renderError(error: StsError, ctx: ErrorContext, format: ResponseFormat): RenderedResponse {
  const product = ctx.product ?? 'Sts';
  const recommend = `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${product}&requestId=${ctx.requestId}`;
  const fields = { RequestId: ctx.requestId, HostId: ctx.hostId, Code: error.code, Message: error.message, Recommend: recommend, ...error.detail };
  if (format === 'JSON') return { status: error.httpStatus, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(fields) };
  // Recommend in CDATA as Alibaba writes it; `]]>` cannot occur in the URL built above.
  const xml =
    `${XML_DECLARATION}\n<Error>${fieldsToXml({ RequestId: ctx.requestId, HostId: ctx.hostId, Code: error.code, Message: error.message })}` +
    `<Recommend><![CDATA[${recommend}]]></Recommend>${error.detail ? fieldsToXml(error.detail) : ''}</Error>`;
  return { status: error.httpStatus, contentType: XML_CONTENT_TYPE, body: xml };
}
