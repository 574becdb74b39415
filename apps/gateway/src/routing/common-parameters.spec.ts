import { businessParameters } from './common-parameters';

describe(businessParameters.name, () => {
  it('strips routing, format and signature parameters and keeps business ones', () => {
    const params = new Map(
      Object.entries({
        Action: 'AssumeRole', Version: '2015-04-01', Format: 'JSON', RegionId: 'cn-hangzhou', AccessKeyId: 'LTAI', SecurityToken: 't',
        SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: 'n', Timestamp: 'ts', RoleArn: 'arn', RoleSessionName: 's', Policy: '{}',
      }),
    );
    expect(businessParameters(params)).toEqual({ RoleArn: 'arn', RoleSessionName: 's', Policy: '{}' });
  });

  it('never lets a parameter named __proto__ reach a handler', () => {
    const sut = businessParameters(new Map([['__proto__', 'x'], ['constructor', 'y']]));
    expect(Object.getPrototypeOf(sut)).toBe(Object.prototype);
    expect(sut).toEqual({ constructor: 'y' });
  });
});
