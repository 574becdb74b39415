import { DomainEvent } from './envelope';

/**
 * Outcomes of API calls seen by the gateway (topic `Topics.gateway`): what a domain event cannot
 * tell, e.g. a refused signature or a read-only call. Never carries parameters that are secrets.
 */
export interface ApiCallCompletedV1 {
  requestId: string;
  action: string;
  version: string;
  product: 'Sts' | 'Ram' | 'Ims';
  accountId?: string;
  principalArn?: string;
  accessKeyId?: string;
  sourceIp: string;
  httpStatus: number;
  errorCode?: string;
  durationMs: number;
}

export type GatewayEvent = DomainEvent<'ApiCallCompleted', ApiCallCompletedV1>;
