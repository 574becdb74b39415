import { decideBootstrap } from './bootstrap.decider';

describe(decideBootstrap.name, () => {
  it('does nothing once any account exists, whatever is configured', () => {
    const sut = decideBootstrap({ accountsExist: true, configured: { accountId: '1234567890123456', accessKeyId: 'LTAIxxxxxxxxxxxxxxxx', accessKeySecret: 's'.repeat(30) } });
    expect(sut).toEqual({ kind: 'Skip' });
  });

  it('creates a generated account and key pair on a fresh install with no configuration', () => {
    expect(decideBootstrap({ accountsExist: false, configured: {} })).toEqual({ kind: 'CreateAccount', accountId: undefined, rootKey: undefined, secretFromConfiguration: false });
  });

  it('uses exactly the configured account id and AccessKey pair', () => {
    const sut = decideBootstrap({ accountsExist: false, configured: { accountId: '1234567890123456', accessKeyId: 'LTAIabcdefabcdefabcd', accessKeySecret: 'S'.repeat(30) } });
    expect(sut).toEqual({ kind: 'CreateAccount', accountId: '1234567890123456', rootKey: { accessKeyId: 'LTAIabcdefabcdefabcd', secret: 'S'.repeat(30) }, secretFromConfiguration: true });
  });

  it('generates the key pair when only the account id is configured', () => {
    expect(decideBootstrap({ accountsExist: false, configured: { accountId: '1234567890123456' } })).toMatchObject({ accountId: '1234567890123456', rootKey: undefined });
  });
});
