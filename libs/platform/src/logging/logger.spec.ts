import { createLogger } from './logger';

describe(createLogger.name, () => {
  const logged = (obj: object): string => {
    const lines: string[] = [];
    createLogger('test', 'info', { write: (line: string) => void lines.push(line) }).info(obj, 'logged');
    return lines.join('');
  };

  it.each([
    ['the business parameters of an action call', { call: { params: { SAMLAssertion: 'S3CRET-ASSERTION', OIDCToken: 'S3CRET-OIDC', BearerToken: 'S3CRET-BEARER' } } }],
    ['an AssumeRole response body', { response: { body: { Credentials: { AccessKeySecret: 'S3CRET-AKS', SecurityToken: 'S3CRET-TOKEN' } } } }],
    ['a CreateAccessKey response body', { reply: { body: { AccessKey: { AccessKeySecret: 'S3CRET-AKS' } } } }],
    ['the raw headers of a request', { req: { raw: { headers: { authorization: 'ACS3-HMAC-SHA256 Credential=S3CRET-AUTH', 'x-acs-security-token': 'S3CRET-TOKEN' } } } }],
    ['a password nested in configuration', { cfg: { database: { password: 'S3CRET-PW' } } }],
  ])('censors secrets in %s', (_, obj) => {
    const line = logged(obj);
    expect(line).toContain('[REDACTED]');
    expect(line).not.toContain('S3CRET');
  });
});
