import { loadConfig } from '@opensts/platform';
import { loadGatewayOptions } from './gateway-options';

describe('gateway options', () => {
  const cfg = loadConfig({});

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads STS_GATEWAY_HTTPS=%s as every boolean setting is read', (value, https) => {
    expect(loadGatewayOptions(cfg, { STS_GATEWAY_HTTPS: value }).https).toBe(https);
  });

  it('refuses any other STS_GATEWAY_HTTPS, naming it', () => {
    expect(() => loadGatewayOptions(cfg, { STS_GATEWAY_HTTPS: 'yes' })).toThrow(/STS_GATEWAY_HTTPS/);
  });
});
