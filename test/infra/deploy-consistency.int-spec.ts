import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Docker cannot run on this project's machines, so docker-compose.yml is held to the scripts that
 * do run: same Kafka version as deploy/kafka/pom.xml, same databases as deploy/postgres/init.sql,
 * same host ports as `npm run infra:up`.
 */
const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: { dockerfile: string };
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
  const { services } = compose;
  const apps = ['gateway', 'identity-directory', 'policy', 'token-issuance', 'audit'];

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
