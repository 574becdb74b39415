import pino, { Logger } from 'pino';
import { RequestContextStore } from './request-context';

/** Secret-bearing field names (parameters, response fields, headers), wherever they sit. */
const SECRET_FIELDS = [
  'AccessKeySecret', 'accessKeySecret', 'SecurityToken', 'securityToken', 'secret', 'password',
  'Signature', 'SAMLAssertion', 'OIDCToken', 'BearerToken',
  'authorization', '["x-acs-security-token"]',
];
/** pino's wildcards match one level only, so every name is listed at each depth up to this one. */
const MAX_DEPTH = 4;

/**
 * Paths pino censors before a line is written. Secrets must never reach logs even when a developer
 * logs a whole request, call or response object by mistake (`{ response: { body: { Credentials:
 * { AccessKeySecret } } } }` is four levels deep); tests grep captured logs for secrets. Text in a
 * message string is not censored: never interpolate a secret, a request or an error built from one.
 */
export const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) =>
  Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => `${'*.'.repeat(depth)}${field}`.replace('.[', '[')),
);

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
