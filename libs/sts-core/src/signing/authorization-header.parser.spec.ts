import { parseAcs3Authorization } from './authorization-header.parser';

const SIG = '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0';

describe(parseAcs3Authorization.name, () => {
  const sut = parseAcs3Authorization;

  it('reads the three fields the Tea SDK writes', () => {
    const result = sut(`ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action,Signature=${SIG}`);

    expect(result).toEqual({
      ok: true,
      value: { credential: 'YourAccessKeyId', signedHeaders: ['host', 'x-acs-action'], signedHeadersList: 'host;x-acs-action', signature: SIG },
    });
  });

  it('tolerates spaces after the commas and any field order', () => {
    const result = sut(`ACS3-HMAC-SHA256 Signature=${SIG}, SignedHeaders=host, Credential=AK`);

    expect(result.ok && result.value.credential).toBe('AK');
  });

  it.each(['ACS3-HMAC-SM3', 'ACS3-RSA-SHA256', 'ACS3-HMAC-SHA1', 'acs3-hmac-sha256', 'ACS3-HMAC-SHA256X'])(
    'reports algorithm %s as unsupported',
    (algorithm) => {
      expect(sut(`${algorithm} Credential=AK,SignedHeaders=host,Signature=${SIG}`)).toEqual({ ok: false, problem: 'UnsupportedAlgorithm' });
    },
  );

  it.each([
    ['no fields', 'ACS3-HMAC-SHA256'],
    ['no Credential', `ACS3-HMAC-SHA256 SignedHeaders=host,Signature=${SIG}`],
    ['empty Credential', `ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=${SIG}`],
    ['no SignedHeaders', `ACS3-HMAC-SHA256 Credential=AK,Signature=${SIG}`],
    ['no Signature', 'ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host'],
    ['a repeated field', `ACS3-HMAC-SHA256 Credential=AK,Credential=BK,SignedHeaders=host,Signature=${SIG}`],
    ['an unknown field', `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=${SIG},Scope=x`],
    ['a field without =', `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature`],
    ['unsorted SignedHeaders', `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=x-acs-date;host,Signature=${SIG}`],
    ['repeated SignedHeaders', `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;host,Signature=${SIG}`],
    ['uppercase SignedHeaders', `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=Host,Signature=${SIG}`],
    ['an empty SignedHeaders entry', `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;;x-acs-date,Signature=${SIG}`],
    ['authorization signed', `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=authorization;host,Signature=${SIG}`],
  ])('reports %s as malformed', (_, header) => {
    expect(sut(header)).toEqual({ ok: false, problem: 'Malformed' });
  });
});
