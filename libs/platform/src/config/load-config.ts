import { appConfigSchema, AppConfig, DatabaseName } from './app-config.schema';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates `env`; a bad value gives one line naming the variable, never the value (it may be a secret). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = appConfigSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue.path.join('.') || 'environment';
    throw new ConfigError(`Invalid configuration: ${variable}: ${issue.message}`);
  }
  const cfg = result.data;
  const bootstrap = [cfg.STS_BOOTSTRAP_ACCESS_KEY_ID, cfg.STS_BOOTSTRAP_ACCESS_KEY_SECRET];
  if (bootstrap.filter(Boolean).length === 1) {
    throw new ConfigError(
      'Invalid configuration: STS_BOOTSTRAP_ACCESS_KEY_SECRET: STS_BOOTSTRAP_ACCESS_KEY_ID and STS_BOOTSTRAP_ACCESS_KEY_SECRET go together',
    );
  }
  if (Boolean(cfg.STS_TLS_CERT_FILE) !== Boolean(cfg.STS_TLS_KEY_FILE)) {
    throw new ConfigError('Invalid configuration: STS_TLS_KEY_FILE: STS_TLS_CERT_FILE and STS_TLS_KEY_FILE go together');
  }
  return cfg;
}

const databaseVariable: Record<DatabaseName, keyof AppConfig> = {
  'identity-directory': 'DATABASE_URL_IDENTITY',
  policy: 'DATABASE_URL_POLICY',
  'token-issuance': 'DATABASE_URL_ISSUANCE',
  gateway: 'DATABASE_URL_GATEWAY',
  audit: 'DATABASE_URL_AUDIT',
  nonces: 'DATABASE_URL_NONCES',
};

/** The PostgreSQL URL of one database: its own variable if the operator set it, else DATABASE_URL, else the default. */
export function databaseUrlFor(cfg: AppConfig, database: DatabaseName, env: NodeJS.ProcessEnv = process.env): string {
  const specific = databaseVariable[database];
  if (env[specific]) return cfg[specific] as string;
  return cfg.DATABASE_URL ?? (cfg[specific] as string);
}
