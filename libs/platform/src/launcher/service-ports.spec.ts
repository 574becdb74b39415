import { loadConfig } from '../config';
import { SERVICES, withServicePorts } from './service-ports';

const distributed = { STS_MODE: 'distributed' };
const configOf = (service: string, env: NodeJS.ProcessEnv = distributed) => loadConfig(withServicePorts(service, env));
const portOf = (hostPort: string) => Number(hostPort.split(':').pop());

describe('a service started on its own (npm run start:<service>)', () => {
  it('listens where the others look for it by default', () => {
    const defaults = loadConfig(distributed);
    expect(configOf('identity-directory').STS_GRPC_PORT).toBe(portOf(defaults.STS_IDENTITY_GRPC_URL));
    expect(configOf('policy').STS_GRPC_PORT).toBe(portOf(defaults.STS_POLICY_GRPC_URL));
    expect(configOf('token-issuance').STS_GRPC_PORT).toBe(portOf(defaults.STS_ISSUANCE_GRPC_URL));
  });

  it('shares no port with another service on the same machine', () => {
    const listening = (service: string) => {
      const cfg = configOf(service);
      // the gateway serves HTTP and HTTPS, audit only its health port, the others gRPC and their health port
      if (service === 'gateway') return [cfg.STS_HTTP_PORT, cfg.STS_HTTPS_PORT];
      return service === 'audit' ? [cfg.STS_HTTP_PORT] : [cfg.STS_HTTP_PORT, cfg.STS_GRPC_PORT];
    };
    const ports = SERVICES.flatMap(listening);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('keeps the ports the operator set, and leaves embedded mode and unknown names alone', () => {
    expect(configOf('policy', { ...distributed, STS_GRPC_PORT: '6000', STS_HTTP_PORT: '7000' })).toMatchObject({ STS_GRPC_PORT: 6000, STS_HTTP_PORT: 7000 });
    expect(withServicePorts('policy', { STS_MODE: 'embedded' })).toEqual({ STS_MODE: 'embedded' });
    expect(withServicePorts('opensts', distributed)).toEqual(distributed);
  });
});
