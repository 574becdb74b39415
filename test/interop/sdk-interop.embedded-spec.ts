import { startEmbeddedProcess } from './support/embedded-process';
import { federationScenarios, startFederationFixtures, type FederationFixtures } from './support/federation.scenarios';
import { prepareContext, type InteropContext } from './support/interop-context';
import { errorScenarios } from './support/interop-errors.scenarios';
import { successScenarios } from './support/interop-success.scenarios';
import { openApiScenarios } from './support/openapi.scenarios';

jest.setTimeout(120_000);

/**
 * The official Alibaba SDKs — and nothing else — against `npm start`'s process (every service in
 * one process, SQLite, in-process bus), over HTTP and HTTPS, with test SAML and OIDC identity
 * providers for the federation actions.
 */
describe('official SDKs against the embedded process', () => {
  let target: Awaited<ReturnType<typeof startEmbeddedProcess>> | undefined;
  let ctx: InteropContext;
  let federation: FederationFixtures | undefined;

  beforeAll(async () => {
    federation = await startFederationFixtures();
    target = await startEmbeddedProcess({ ...federation.stsEnv });
    ctx = await prepareContext(target, 'emb');
  }, 180_000);

  afterAll(async () => {
    await target?.stop();
    await federation?.close();
  });

  describe('successes', () => successScenarios(() => ctx));
  describe('refusals', () => errorScenarios(() => ctx));
  describe('/openapi.json', () => openApiScenarios(() => ctx));
  describe('federation', () => federationScenarios(() => ctx, () => federation!, 'emb'));
});
