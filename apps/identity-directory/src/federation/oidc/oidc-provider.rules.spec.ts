import { checkClientId, checkIssuerUrl, normaliseFingerprint, parseClientIds, parseFingerprints } from './oidc-provider.rules';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};
const fp = (c: string) => c.repeat(40);

describe(checkIssuerUrl.name, () => {
  it('accepts an https issuer with a path', () => expect(checkIssuerUrl('https://oidc.example.com/tenant/1')).toBe('https://oidc.example.com/tenant/1'));
  it.each(['http://oidc.example.com', 'https://oidc.example.com/?a=1', 'https://oidc.example.com/#x', 'https://user@oidc.example.com', 'https://', 'not a url', `https://e.com/${'a'.repeat(250)}`])(
    'refuses %s',
    (v) => expect(codeOf(() => checkIssuerUrl(v))).toBe('InvalidParameter.IssuerUrl'),
  );
});

describe(normaliseFingerprint.name, () => {
  it('lower-cases and drops colon separators', () => {
    expect(normaliseFingerprint('90:2E:F2:DE:EB:3C:5B:13:EA:4C:3D:51:93:62:93:09:E2:31:AB:CD')).toBe('902ef2deeb3c5b13ea4c3d5193629309e231abcd');
  });
  it.each([fp('a').slice(1), fp('g'), `${fp('a')}0`])('refuses %s', (v) => expect(codeOf(() => normaliseFingerprint(v))).toBe('InvalidParameter.Fingerprint'));
});

describe(parseFingerprints.name, () => {
  it('trims, de-duplicates and keeps at most the limit', () => {
    expect(parseFingerprints(`${fp('a')}, ${fp('A')},${fp('b')}`, 5)).toEqual([fp('a'), fp('b')]);
    expect(codeOf(() => parseFingerprints(['a', 'b', 'c', 'd', 'e', 'f'].map(fp).join(','), 5))).toBe('LimitExceeded.OIDCProvider.Fingerprint');
  });
});

describe(parseClientIds.name, () => {
  it('accepts up to the limit and refuses one more', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `client-${i}`);
    expect(parseClientIds(ids.join(', '), 50)).toHaveLength(50);
    expect(codeOf(() => parseClientIds([...ids, 'one-more'].join(','), 50))).toBe('LimitExceeded.OIDCProvider.ClientId');
  });

  it('checks each client id', () => {
    expect(checkClientId('sts.aliyuncs.com:app/1')).toBe('sts.aliyuncs.com:app/1');
    expect(codeOf(() => checkClientId('-leading'))).toBe('InvalidParameter.ClientId');
    expect(codeOf(() => checkClientId('x'.repeat(129)))).toBe('InvalidParameter.ClientId');
  });
});
