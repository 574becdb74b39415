import pino, { Logger } from 'pino';
import { RequestContextStore } from './request-context';

/**
 * Paths pino censors before a line is written. Secrets must never reach logs even when a developer
 * logs a whole request or response object by mistake; tests grep captured logs for secrets.
 */
export const REDACTED_PATHS = [
  'AccessKeySecret', '*.AccessKeySecret', '*.*.AccessKeySecret',
  'accessKeySecret', '*.accessKeySecret', '*.*.accessKeySecret',
  'SecurityToken', '*.SecurityToken', '*.*.SecurityToken',
  'securityToken', '*.securityToken', '*.*.securityToken',
  'secret', '*.secret', '*.*.secret',
  'Signature', '*.Signature',
  'password', '*.password',
  'headers.authorization', '*.headers.authorization',
  'headers["x-acs-security-token"]', '*.headers["x-acs-security-token"]',
  'SAMLAssertion', '*.SAMLAssertion', 'OIDCToken', '*.OIDCToken',
];

export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: service,
      level,
      base: { service, pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // every line written inside a request carries its RequestId
      mixin: () => {
        const ctx = RequestContextStore.current();
        return ctx ? { requestId: ctx.requestId } : {};
      },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
