import { StsError } from '@opensts/sts-core/errors';
import { JSON_CONTENT_TYPE, renderError, renderSuccess, responseFormat, XML_CONTENT_TYPE } from './rpc-response.renderer';

const REQUEST_ID = '6894B13B-6D71-4EF5-88FA-F32781734A7F';
const assumeRoleBody = {
  AssumedRoleUser: { Arn: 'acs:ram::1234567890123456:role/adminrole/alice', AssumedRoleId: '344584339364951186:alice' },
  Credentials: { AccessKeyId: 'STS.L4aBSCSJVMuKg5U1xxxx', AccessKeySecret: 'wyLT', SecurityToken: 'CAIS<&>', Expiration: '2015-04-09T11:52:19Z' },
};

describe('rpc response rendering', () => {
  it('picks XML only for Format=XML in any case, JSON otherwise', () => {
    const req = (query: [string, string][]) => ({ method: 'GET', path: '/', query, headers: {} });
    expect(responseFormat(req([['Format', 'xml']]))).toBe('XML');
    expect(responseFormat(req([['Format', 'JSON']]))).toBe('JSON');
    expect(responseFormat(req([]))).toBe('JSON');
    expect(responseFormat({ ...req([]), form: [['Format', 'XML']] })).toBe('XML');
  });

  it('renders a JSON success with RequestId first and never a Code', () => {
    const sut = renderSuccess('AssumeRole', REQUEST_ID, { ...assumeRoleBody, Code: 'x' }, 'JSON');
    expect(sut.status).toBe(200);
    expect(sut.contentType).toBe(JSON_CONTENT_TYPE);
    expect(Object.keys(JSON.parse(sut.body))).toEqual(['RequestId', 'AssumedRoleUser', 'Credentials']);
  });

  it('renders the XML form with the <Action>Response root, nested elements and escaped text', () => {
    const sut = renderSuccess('AssumeRole', REQUEST_ID, assumeRoleBody, 'XML');
    expect(sut.contentType).toBe(XML_CONTENT_TYPE);
    expect(sut.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<AssumeRoleResponse><RequestId>6894B13B-6D71-4EF5-88FA-F32781734A7F</RequestId>' +
        '<AssumedRoleUser><Arn>acs:ram::1234567890123456:role/adminrole/alice</Arn><AssumedRoleId>344584339364951186:alice</AssumedRoleId></AssumedRoleUser>' +
        '<Credentials><AccessKeyId>STS.L4aBSCSJVMuKg5U1xxxx</AccessKeyId><AccessKeySecret>wyLT</AccessKeySecret><SecurityToken>CAIS&lt;&amp;&gt;</SecurityToken>' +
        '<Expiration>2015-04-09T11:52:19Z</Expiration></Credentials></AssumeRoleResponse>',
    );
  });

  it('renders lists as repeated elements, booleans as text, and an empty list as an empty wrapper', () => {
    const list = renderSuccess('ListUsers', REQUEST_ID, { IsTruncated: false, Users: { User: [{ UserName: 'a' }, { UserName: 'b' }] }, Roles: { Role: [] } }, 'XML');
    expect(list.body).toContain('<IsTruncated>false</IsTruncated><Users><User><UserName>a</UserName></User><User><UserName>b</UserName></User></Users><Roles></Roles>');
  });

  it('renders the JSON error envelope with the StsError status and detail', () => {
    const error = new StsError('NoPermission', 403, 'You are not authorized to do this action.', { AccessDeniedDetail: { AuthAction: 'ram:CreateUser' } });
    const sut = renderError(error, { requestId: REQUEST_ID, hostId: 'ram.example:8080', product: 'Ram' }, 'JSON');
    expect(sut.status).toBe(403);
    expect(JSON.parse(sut.body)).toEqual({
      RequestId: REQUEST_ID,
      HostId: 'ram.example:8080',
      Code: 'NoPermission',
      Message: 'You are not authorized to do this action.',
      Recommend: `https://api.aliyun.com/troubleshoot?q=NoPermission&product=Ram&requestId=${REQUEST_ID}`,
      AccessDeniedDetail: { AuthAction: 'ram:CreateUser' },
    });
  });

  it('renders the XML error envelope as sts-api.md §8 shows it', () => {
    const sut = renderError(new StsError('InvalidParameter', 400, 'The specified parameter "Action or Version" is not valid.'), { requestId: REQUEST_ID, hostId: 'sts.aliyuncs.com' }, 'XML');
    expect(sut.contentType).toBe('text/xml;charset=utf-8');
    expect(sut.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><RequestId>6894B13B-6D71-4EF5-88FA-F32781734A7F</RequestId><HostId>sts.aliyuncs.com</HostId>' +
        '<Code>InvalidParameter</Code><Message>The specified parameter &quot;Action or Version&quot; is not valid.</Message>' +
        `<Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q=InvalidParameter&product=Sts&requestId=${REQUEST_ID}]]></Recommend></Error>`,
    );
  });
});
