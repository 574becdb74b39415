import { normaliseSignedRequest } from './signed-request.mapper';

describe('normaliseSignedRequest', () => {
  it('keeps pairs in wire order, lower-cases header names, lists repeated headers, drops an empty body hash', () => {
    const sut = normaliseSignedRequest({
      method: 'POST',
      path: '',
      query: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }],
      form: [],
      headers: [{ name: 'Host', value: 'h' }, { name: 'X-Acs-Signature-Nonce', value: 'n' }, { name: 'x-acs-signature-nonce', value: 'm' }],
      bodySha256: '',
      sourceIp: '10.0.0.1',
      secureTransport: true,
    });
    expect(sut).toEqual({ method: 'POST', path: '/', query: [['B', '2'], ['A', '1']], form: undefined, headers: { host: 'h', 'x-acs-signature-nonce': ['n', 'm'] }, bodySha256: undefined });
  });

  it('passes a form body and its hash through', () => {
    const sut = normaliseSignedRequest({ method: 'POST', path: '/', query: [], form: [{ name: 'RoleArn', value: 'r' }], headers: [], bodySha256: 'ab', sourceIp: '', secureTransport: false });
    expect(sut).toMatchObject({ form: [['RoleArn', 'r']], bodySha256: 'ab' });
  });
});
