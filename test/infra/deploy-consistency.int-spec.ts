import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { createSecureContext } from 'node:tls';
import { ServiceError } from '@grpc/grpc-js';
import { internal } from '@opensts/grpc-api';
import {
  ACTION_CALLERS, ACTION_OWNERS, ActionGrpcService, ActionRegistry, actionServiceClient, AppConfig, appConfigSchema, createCertificateAuthority,
  databaseUrlFor, GrpcServerHost, grpcClientCredentials, grpcServerCredentials, grpcTlsMode, INTERNAL_ACTIONS, INTERNAL_PRODUCT, issueCertificate,
  loadConfig, loadMasterKeyRing, Product, ServiceName,
} from '@opensts/platform';
import { SERVICES } from '@opensts/platform/launcher';
import { parse } from 'yaml';
import { issueDeploymentPki } from '../../deploy/pki/issue-certificates';

/**
 * Docker cannot run on this project's machines, so docker-compose.yml is held to the scripts that
 * do run: same Kafka version as deploy/kafka/pom.xml, same databases as deploy/postgres/init.sql,
 * same host ports as `npm run infra:up`, and to the code that would start its services: their
 * config loader, gRPC credentials and mutual-TLS caller checks, fed with the certificates of the
 * compose `pki` service (issued here into a temporary directory by the same script).
 */
const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: { dockerfile: string };
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  command?: string[];
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
  const { services } = compose;
  const apps: ServiceName[] = ['gateway', 'identity-directory', 'policy', 'token-issuance', 'audit'];

  it('runs the Kafka version the scripts pin, published on the infra:up port', () => {
    const pinned = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(read('deploy/kafka/pom.xml'))?.[1];
    expect(services.kafka.image).toBe(`apache/kafka:${pinned}`);
    expect(services.kafka.ports).toContain('127.0.0.1:19092:19092');
  });

  it('creates the databases of init.sql and gives each service its own', () => {
    expect(services.postgres.volumes).toContain('./deploy/postgres/init.sql:/docker-entrypoint-initdb.d/10-opensts.sql:ro');
    expect(services.postgres.ports).toContain('127.0.0.1:55432:5432');
    const created = read('deploy/postgres/init.sql').match(/'opensts_[a-z]+'/g)?.map((s) => s.slice(1, -1));
    const used = apps.map((app) => new URL(String(services[app].environment?.DATABASE_URL)).pathname.slice(1));
    expect(new Set(used).size).toBe(apps.length);
    for (const db of used) expect(created).toContain(db);
  });

  it('creates, in init.sql and in the env.sh of infra:up, every database the configuration defaults to', () => {
    const created = read('deploy/postgres/init.sql').match(/'opensts_[a-z]+'/g)?.map((s) => s.slice(1, -1));
    const scripted = /^PG_DATABASES=\(([^)]*)\)$/m.exec(read('scripts/infra/lib.sh'))?.[1].split(/\s+/) ?? [];
    const defaults = Object.entries(appConfigSchema.shape).filter(([name]) => name.startsWith('DATABASE_URL_'));
    expect(defaults.map(([name]) => name)).toContain('DATABASE_URL_NONCES');
    for (const [name, schema] of defaults) {
      const db = new URL(String(schema.parse(undefined))).pathname.slice(1);
      expect(created).toContain(db);
      // env.sh writes DATABASE_URL_<NAME>=…/opensts_<name> for each
      expect(scripted.map((n) => [`DATABASE_URL_${n.toUpperCase()}`, `opensts_${n}`])).toContainEqual([name, db]);
    }
  });

  it.each(apps)('runs %s from the one Dockerfile in distributed mode', (app) => {
    const service = services[app];
    expect(service.build?.dockerfile).toBe('deploy/Dockerfile');
    expect(service.environment).toMatchObject({
      APP: app,
      STS_MODE: 'distributed',
      KAFKA_BROKERS: 'kafka:9092',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
    });
  });

  it('publishes the gateway on 8080/8443 and token-issuance gRPC on 50051', () => {
    expect(services.gateway.ports).toEqual(['8080:8080', '8443:8443']);
    expect(services['token-issuance'].ports).toEqual(['50051:50051']);
  });

  it('feeds the collector a config with an OTLP receiver and the debug exporter', () => {
    const collector = parse(read('deploy/otel/collector.yaml')) as {
      receivers: Record<string, unknown>;
      service: { pipelines: Record<string, { receivers: string[]; exporters: string[] }> };
    };
    expect(Object.keys(collector.receivers)).toEqual(['otlp']);
    expect(collector.service.pipelines.traces).toMatchObject({ receivers: ['otlp'], exporters: ['debug'] });
  });
});

describe('docker-compose.yml, as its services would start', () => {
  const { services } = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
  const composeVariables = { STS_MASTER_KEY: randomBytes(32).toString('base64') };
  const pkiRoot = /deploy\/pki\/issue-certificates\.js (\S+)/.exec(services.pki?.command?.join(' ') ?? '')?.[1] ?? '/pki';
  let pkiDir: string;
  const configs: Partial<Record<ServiceName, AppConfig>> = {};
  const environments: Partial<Record<ServiceName, NodeJS.ProcessEnv>> = {};

  /** The volumes of `app` that the pki service writes, each with the directory standing for it in pkiDir. */
  const pkiMounts = (app: ServiceName) =>
    (services[app].volumes ?? []).flatMap((mount) => {
      const [volume, target] = mount.split(':');
      const written = services.pki?.volumes?.map((v) => v.split(':')).find(([name]) => name === volume)?.[1];
      return written ? [{ target, dir: join(pkiDir, posix.relative(pkiRoot, written)) }] : [];
    });
  const hostPath = (app: ServiceName, path: string): string => {
    const mount = pkiMounts(app).find(({ target }) => path.startsWith(`${target}/`));
    if (!mount) throw new Error(`${app}: ${path} is on no volume the pki service writes`);
    return join(mount.dir, posix.relative(mount.target, path));
  };

  beforeAll(async () => {
    pkiDir = mkdtempSync(join(tmpdir(), 'opensts-compose-pki-'));
    await issueDeploymentPki(pkiDir, { services: SERVICES, createCertificateAuthority, issueCertificate });
    for (const app of SERVICES) {
      // as compose hands it over: interpolated, strings; files read from where pki wrote them
      const env = Object.entries(services[app].environment ?? {}).map(([name, value]) => {
        const resolved = interpolate(String(value), composeVariables);
        return [name, name.endsWith('_FILE') ? hostPath(app, resolved) : resolved];
      });
      environments[app] = Object.fromEntries(env);
      configs[app] = loadConfig(environments[app]);
    }
  });
  afterAll(() => rmSync(pkiDir, { recursive: true, force: true }));

  const readFile = (cfg: AppConfig, variable: 'STS_TLS_CERT_FILE' | 'STS_TLS_KEY_FILE' | 'STS_TLS_CA_FILE'): Buffer => {
    if (!cfg[variable]) throw new Error(`${variable} is not set`);
    return readFileSync(cfg[variable]);
  };

  it('installs with npm 11, which honours allowScripts (npm 10, the base image’s, runs every install script: ADR 0001)', () => {
    const dockerfile = read('deploy/Dockerfile');
    const npm = /^RUN npm install -g npm@(\d+)\.\d+\.\d+$/m.exec(dockerfile);
    expect(Number(npm?.[1])).toBeGreaterThanOrEqual(11);
    expect(dockerfile.indexOf(npm![0])).toBeLessThan(dockerfile.indexOf('RUN npm ci'));
  });

  it('runs the PKI script the image ships, before every app', () => {
    expect(existsSync(join(root, 'deploy/pki/issue-certificates.js'))).toBe(true);
    expect(read('deploy/Dockerfile')).toMatch(/^COPY .* \/app\/deploy\/pki \.\/deploy\/pki$/m);
    for (const app of SERVICES) expect(services[app].depends_on?.pki).toEqual({ condition: 'service_completed_successfully' });
  });

  it.each(SERVICES)('%s sets only variables of the config schema', (app) => {
    const known = new Set([...Object.keys(appConfigSchema.shape), 'APP']);
    expect(Object.keys(services[app].environment ?? {}).filter((name) => !known.has(name))).toEqual([]);
  });

  it.each(SERVICES)('%s gets a configuration its gRPC server, clients and key ring accept, with mutual TLS', (app) => {
    const cfg = configs[app]!;
    // `off` is refused off loopback, and `tls` authenticates no caller (ADR 0006)
    expect(grpcTlsMode(cfg)).toBe('mtls');
    expect(() => grpcServerCredentials(cfg)).not.toThrow();
    expect(() => grpcClientCredentials(cfg)).not.toThrow();
    expect(() => loadMasterKeyRing(cfg)).not.toThrow();
  });

  it.each(SERVICES)('%s presents a certificate with its own name, from the CA, and sees no other key', (app) => {
    const cfg = configs[app]!;
    const cert = new X509Certificate(readFile(cfg, 'STS_TLS_CERT_FILE'));
    expect(cert.subject).toBe(`CN=${app}`);
    expect(cert.checkHost(app)).toBe(app);
    expect(cert.verify(new X509Certificate(readFile(cfg, 'STS_TLS_CA_FILE')).publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(readFile(cfg, 'STS_TLS_KEY_FILE')))).toBe(true);
    // the CA key and the other services' keys stay out of its container
    expect(pkiMounts(app).flatMap(({ dir }) => readdirSync(dir).filter((f) => f.endsWith('key.pem')))).toEqual(['key.pem']);
  });

  it('gives the gateway and token-issuance one nonce database of init.sql, none of the services\' own (ADR 0006)', () => {
    const database = (app: ServiceName, name: 'nonces' | ServiceName) => new URL(databaseUrlFor(configs[app]!, name, environments[app])).pathname.slice(1);
    const nonces = database('gateway', 'nonces');
    expect(database('token-issuance', 'nonces')).toBe(nonces);
    expect(read('deploy/postgres/init.sql')).toContain(`'${nonces}'`);
    expect(SERVICES.map((app) => database(app, app))).not.toContain(nonces);
  });

  it('serves the gateway HTTPS with a certificate for the published host', () => {
    const cfg = configs.gateway!;
    const [cert, key] = [readFile(cfg, 'STS_TLS_CERT_FILE'), readFile(cfg, 'STS_TLS_KEY_FILE')];
    expect(() => createSecureContext({ cert, key })).not.toThrow();
    expect(new X509Certificate(cert).checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  const urlVariable = { 'identity-directory': 'STS_IDENTITY_GRPC_URL', policy: 'STS_POLICY_GRPC_URL', 'token-issuance': 'STS_ISSUANCE_GRPC_URL' } as const;
  type Owner = keyof typeof urlVariable;
  const publicRoutes = Object.entries(ACTION_OWNERS).flatMap(([product, owners]) =>
    [...new Set(Object.values(owners))].map((owner) => [product, Object.keys(owners).find((a) => owners[a] === owner)!, owner as Owner] as const),
  );
  const routes = [
    ...ACTION_CALLERS.flatMap((caller) => publicRoutes.map(([product, action, owner]) => [caller as ServiceName, owner, product as string, action] as const)),
    ...Object.entries(INTERNAL_ACTIONS).flatMap(([action, { owner, callers }]) => callers.map((caller) => [caller, owner, INTERNAL_PRODUCT, action] as const)),
  ];

  it.each(routes)('%s calls %s (%s %s) at its compose address over mutual TLS, and is accepted', async (caller, owner, product, action) => {
    const callerCfg = configs[caller]!;
    expect(callerCfg[urlVariable[owner]]).toBe(`${owner}:${configs[owner]!.STS_GRPC_PORT}`);
    const serverCfg = { ...configs[owner]!, STS_HOST: '127.0.0.1', STS_GRPC_PORT: 0 };
    const registry = new ActionRegistry();
    const served = async () => ({ ServedBy: owner });
    if (product === INTERNAL_PRODUCT) registry.registerInternal(action, INTERNAL_ACTIONS[action as keyof typeof INTERNAL_ACTIONS].callers, served);
    else registry.register(product as Product, action, served);
    const host = new GrpcServerHost(serverCfg);
    new ActionGrpcService(serverCfg, registry, host).onModuleInit();
    await host.onApplicationBootstrap();
    const client = actionServiceClient({ ...callerCfg, [urlVariable[owner]]: `127.0.0.1:${host.port}` }, owner);
    try {
      const request = { product, action, version: '', params: {}, principal: undefined, context: { requestId: 'compose', sourceIp: '', secureTransport: true } };
      const response = await new Promise<internal.InvokeResponse>((resolve, reject) =>
        client.invoke(request, (err: ServiceError | null, res: internal.InvokeResponse) => (err ? reject(err) : resolve(res))),
      );
      expect(response.result).toEqual({ $case: 'jsonBody', value: JSON.stringify({ ServedBy: owner }) });
    } finally {
      client.close();
      await host.beforeApplicationShutdown();
    }
  });
});

/** Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?error}` over `variables`. */
function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    if (variables[name]) return variables[name];
    if (op === '?') throw new Error(`${name}: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}
