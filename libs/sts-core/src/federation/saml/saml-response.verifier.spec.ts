import fc from 'fast-check';
import { SignedXml } from 'xml-crypto';
import { StsError } from '../../errors';
import type { Element } from '@xmldom/xmldom';
import { signedAssertion } from './saml-signature.checker';
import { onlyChild, parseXml, SAML_ASSERTION_NS, textOf } from './saml-xml.reader';
import { DEFAULT_SAML_VERIFICATION_OPTIONS, grantsRole, verifySamlResponse } from './saml-response.verifier';
import type { SamlProviderTrust, VerifiedSamlAssertion } from './saml-response.verifier';
import {
  buildIdpMetadata,
  buildSamlResponse,
  buildSamlResponseXml,
  createSamlIdp,
  SAML_TEST_PROVIDER_ARN as PROVIDER,
  SAML_TEST_ROLE_ARN as ROLE,
  signSamlXml,
} from './testing/saml-idp.fixture';
import type { SamlIdp, SamlResponseOptions } from './testing/saml-idp.fixture';

const NOW = new Date('2025-03-01T10:00:00Z');
const INVALID = 'AuthenticationFail.SAMLAssertion.Invalid';
const EXPIRED = 'AuthenticationFail.SAMLAssertion.Expired';
const METADATA = 'AuthenticationFail.IDPMetadata.Invalid';
const SESSION_NAME = 'InvalidParameter.RoleSessionName';
const ROLE_ATTR = 'https://www.aliyun.com/SAML-Role/Attributes/Role';
const SESSION_ATTR = 'https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName';
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

let idp: SamlIdp;
let attacker: SamlIdp;
beforeAll(async () => {
  [idp, attacker] = await Promise.all([createSamlIdp(), createSamlIdp({ commonName: 'Attacker' })]);
});

const sut = (parameter: string, trust: SamlProviderTrust = idp.trust, now = NOW) => verifySamlResponse(parameter, trust, DEFAULT_SAML_VERIFICATION_OPTIONS, now);
const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
const signedXml = (o: SamlResponseOptions = {}) => buildSamlResponseXml(idp, { now: NOW, ...o });
const response = (o: SamlResponseOptions = {}) => buildSamlResponse(idp, { now: NOW, ...o });
/** An assertion edited before the IdP signs it: tests rules on shapes the fixture does not build. */
const crafted = (edit: (xml: string) => string, o: SamlResponseOptions = {}) => b64(signSamlXml(edit(signedXml({ ...o, sign: 'none' })), idp, 'assertion'));
const codeOf = (run: () => unknown): string => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof StsError) return error.code;
    throw error;
  }
};
const ASSERTION = /<saml2:Assertion[\s\S]*<\/saml2:Assertion>/;
const SIGNATURE = /<ds:Signature[\s\S]*?<\/ds:Signature>/;
const assertionOf = (xml: string) => (ASSERTION.exec(xml) as RegExpExecArray)[0];

describe(verifySamlResponse.name, () => {
  describe('a genuine Response', () => {
    it.each([
      ['assertion', 'sha256', 'exclusive'],
      ['assertion', 'sha1', 'exclusive'],
      ['assertion', 'sha256', 'inclusive'],
      ['response', 'sha256', 'exclusive'],
      ['response', 'sha1', 'inclusive'],
      ['both', 'sha256', 'exclusive'],
      ['both', 'sha1', 'inclusive'],
    ] as const)('%s-signed with rsa-%s and %s C14N is accepted', (sign, signatureAlgorithm, canonicalization) => {
      const verified = sut(response({ sign, signatureAlgorithm, canonicalization }));
      expect(verified).toEqual<VerifiedSamlAssertion>({
        issuer: idp.entityId,
        subject: 'alice@example.com',
        subjectType: 'persistent',
        recipient: 'https://signin.aliyun.com/saml-role/sso',
        acsUrl: 'https://signin.aliyun.com/saml-role/sso',
        roles: [{ roleArn: ROLE, providerArn: PROVIDER }],
        roleSessionName: 'alice',
        notOnOrAfter: at(300),
      });
    });

    it('answers a bad RoleSessionName attribute with the SAML text of sts-api.md §4.3', () => {
      expect(() => sut(response({ roleSessionNames: ['a'] }))).toThrow(expect.objectContaining({ code: SESSION_NAME, message: 'The RoleSessionName is invalid.' }));
    });

    it('passes over Role values that are not a role/provider pair (one meant for another product) when others are', () => {
      const verified = sut(response({ roles: [ROLE, `${ROLE},${PROVIDER}`, 'arn:aws:iam::123456789012:role/x,arn:aws:iam::123456789012:saml-provider/y'] }));
      expect(verified.roles).toEqual([{ roleArn: ROLE, providerArn: PROVIDER }]);
    });

    it('reads SubjectType, several roles in either order and the earliest NotOnOrAfter', () => {
      const other = 'acs:ram::1234567890123456:role/auditor';
      const verified = sut(response({ nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:emailAddress', roles: [` ${ROLE} , ${PROVIDER} `, `${PROVIDER},${other}`], subjectNotOnOrAfter: at(120), notOnOrAfter: at(600) }));
      expect(verified.subjectType).toBe('emailAddress');
      expect(verified.roles).toEqual([{ roleArn: ROLE, providerArn: PROVIDER }, { roleArn: other, providerArn: PROVIDER }]);
      expect(verified.notOnOrAfter).toEqual(at(120));
      expect(sut(response({ nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' })).subjectType).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified');
      expect(sut(response({ nameIdFormat: null })).subjectType).toBe('');
    });

    it('tolerates MIME line breaks in the base64, a Response without Status and optional Conditions times', () => {
      expect(codeOf(() => sut(response().replace(/(.{76})/g, '$1\r\n')))).toBe('accepted');
      expect(codeOf(() => sut(crafted((x) => x.replace(/<saml2p:Status>.*<\/saml2p:Status>/, ''))))).toBe('accepted');
      expect(sut(response({ notBefore: null, notOnOrAfter: null, subjectNotOnOrAfter: at(60) })).notOnOrAfter).toEqual(at(60));
    });

    it('reads the whole NameID text around a comment (comment-truncation attack)', () => {
      const parameter = crafted((x) => x.replace('evil.com.example.com', 'evil.com<!---->.example.com'), { nameId: 'admin@evil.com.example.com' });
      expect(sut(parameter).subject).toBe('admin@evil.com.example.com');
    });
  });

  describe('provider trust', () => {
    it.each<[string, () => SamlProviderTrust]>([
      ['no entityID', () => ({ entityId: '', signingCertificates: [idp.certPem] })],
      ['no certificate', () => ({ entityId: idp.entityId, signingCertificates: [] })],
      ['a certificate that does not parse', () => ({ entityId: idp.entityId, signingCertificates: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] })],
    ])('with %s is IDPMetadata.Invalid', (_, trust) => {
      expect(codeOf(() => sut(response(), trust()))).toBe(METADATA);
    });

    it('accepts a signature by the second of two metadata certificates (key rollover)', () => {
      expect(codeOf(() => sut(response(), { entityId: idp.entityId, signingCertificates: [attacker.certPem, idp.certPem] }))).toBe('accepted');
    });

    it('builds metadata the directory can read: entityID and a signing KeyDescriptor with the certificate', () => {
      const xml = Buffer.from(buildIdpMetadata(idp), 'base64').toString('utf8');
      expect(xml).toContain(`entityID="${idp.entityId}"`);
      expect(xml).toContain('<md:KeyDescriptor use="signing">');
      expect(xml).toContain(idp.certPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '').slice(0, 64));
    });
  });

  describe('the SAMLAssertion parameter', () => {
    it.each<[string, () => string]>([
      ['empty', () => ''],
      ['not base64', () => 'this is not base64!'],
      ['base64url', () => response().replace(/\+/g, '-').replace(/\//g, '_')],
      ['badly padded', () => response().replace(/=*$/, '===')],
      ['base64 with garbage inside', () => response().replace(/^(.{40})/, '$1*')],
      ['base64 of text that is not XML', () => b64('hello world')],
      ['base64 of invalid UTF-8', () => Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]).toString('base64')],
      ['base64 of XML that is not a Response', () => b64(assertionOf(signedXml()))],
    ])('%s is SAMLAssertion.Invalid', (_, parameter) => {
      expect(codeOf(() => sut(parameter()))).toBe(INVALID);
    });

    it('longer than 100,000 characters is refused even when validly signed', () => {
      const roles = (n: number) => Array.from({ length: n }, (_, i) => `acs:ram::1234567890123456:role/r${i},${PROVIDER}`);
      const small = response({ roles: roles(10) });
      const large = response({ roles: roles(1000) });
      expect(large.length).toBeGreaterThan(100_000);
      expect(codeOf(() => sut(small))).toBe('accepted');
      expect(codeOf(() => sut(large))).toBe(INVALID);
    });

    it.each<[string, string]>([
      ['an internal entity', '<!DOCTYPE r [<!ENTITY x "alice">]>'],
      ['an external entity (XXE)', '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'],
      ['entity expansion (billion laughs)', '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'],
      ['a bare DOCTYPE', '<!DOCTYPE saml2p:Response>'],
    ])('a DOCTYPE with %s is refused', (_, doctype) => {
      const xml = signedXml().replace('?>', `?>${doctype}`);
      expect(codeOf(() => sut(b64(xml)))).toBe(INVALID);
    });

    it('more than 1,000 elements is refused even when validly signed (the signature checks scan the whole document)', () => {
      // a long group list, as IdPs send them
      const groups = (n: number) => `<saml2:Attribute Name="https://example.com/groups">${'<saml2:AttributeValue>g</saml2:AttributeValue>'.repeat(n)}</saml2:Attribute>`;
      const padded = (n: number) => crafted((xml) => xml.replace('</saml2:AttributeStatement>', `${groups(n)}</saml2:AttributeStatement>`));
      expect(codeOf(() => sut(padded(100)))).toBe('accepted');
      expect(codeOf(() => sut(padded(1_000)))).toBe(INVALID);
    });

    it('more than 32 attributes or namespace declarations on one element is refused (canonicalisation grows with their square)', () => {
      const declared = (n: number) => crafted((xml) => xml.replace(/<saml2p:Response /, `<saml2p:Response ${Array.from({ length: n }, (_, i) => `xmlns:p${i}="u"`).join(' ')} `));
      expect(codeOf(() => sut(declared(10)))).toBe('accepted');
      expect(codeOf(() => sut(declared(3_300)))).toBe(INVALID);
    });

    it('a forged SignatureValue stops at the SignedInfo check: xml-crypto never digests the document for it', () => {
      const forged = signedXml({ sign: 'both' }).replace(/<ds:SignatureValue>[^<]{8}/g, '<ds:SignatureValue>AAAAAAAA');
      const fullChecks = jest.spyOn(SignedXml.prototype, 'checkSignature');
      try {
        expect(codeOf(() => sut(b64(forged), { ...idp.trust, signingCertificates: [attacker.certPem, idp.certPem] }))).toBe(INVALID);
        expect(fullChecks).not.toHaveBeenCalled();
        expect(codeOf(() => sut(response()))).toBe('accepted');
        expect(fullChecks).toHaveBeenCalledTimes(1);
      } finally {
        fullChecks.mockRestore();
      }
    });

    it('a Status other than Success is refused', () => {
      expect(codeOf(() => sut(response({ statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Requester' })))).toBe(INVALID);
    });
  });

  describe('the signature', () => {
    it('an unsigned Response is refused', () => {
      expect(codeOf(() => sut(response({ sign: 'none' })))).toBe(INVALID);
    });

    it('a signature by another key is refused, whatever certificate its KeyInfo carries', () => {
      const byAttacker = b64(signSamlXml(signedXml({ sign: 'none' }), attacker, 'assertion'));
      const claimingIdpCert = b64(signSamlXml(signedXml({ sign: 'none' }), { keyPem: attacker.keyPem, certPem: idp.certPem }, 'assertion'));
      expect(codeOf(() => sut(byAttacker))).toBe(INVALID);
      expect(codeOf(() => sut(claimingIdpCert))).toBe(INVALID);
    });

    it("ignores KeyInfo: the IdP's signature with the attacker's certificate in KeyInfo is still the IdP's", () => {
      const xml = signedXml();
      const attackerCert = attacker.certPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      const swapped = xml.replace(/<ds:X509Certificate>[^<]*<\/ds:X509Certificate>/, `<ds:X509Certificate>${attackerCert}</ds:X509Certificate>`);
      expect(swapped).not.toBe(xml);
      expect(sut(b64(swapped)).subject).toBe('alice@example.com');
      expect(codeOf(() => sut(b64(swapped), attacker.trust))).toBe(INVALID);
    });

    it('a genuine signature with an algorithm outside rsa-sha1/rsa-sha256 is refused', () => {
      const exc = 'http://www.w3.org/2001/10/xml-exc-c14n#';
      const sig = new SignedXml({ privateKey: idp.keyPem, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512', canonicalizationAlgorithm: exc });
      sig.addReference({ xpath: "//*[local-name(.)='Assertion']", digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha512', transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', exc] });
      sig.computeSignature(signedXml({ sign: 'none' }), { prefix: 'ds', location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } });
      expect(codeOf(() => sut(b64(sig.getSignedXml())))).toBe(INVALID);
    });

    it('a signature that references nothing or another element is refused', () => {
      const xml = signedXml();
      const id = /<saml2:Assertion [^>]*ID="([^"]+)"/.exec(xml)?.[1] as string;
      expect(codeOf(() => sut(b64(xml.replace(`URI="#${id}"`, 'URI="#nowhere"'))))).toBe(INVALID);
      expect(codeOf(() => sut(b64(xml.replace(`URI="#${id}"`, 'URI=""'))))).toBe(INVALID);
    });

    it("an Assertion's signature moved up into the Response is not a signature of the Response", () => {
      const xml = signedXml();
      const signature = (SIGNATURE.exec(xml) as RegExpExecArray)[0];
      const moved = xml.replace(signature, '').replace('</saml2:Issuer>', `</saml2:Issuer>${signature}`);
      expect(codeOf(() => sut(b64(moved)))).toBe(INVALID);
    });

    it('refuses any character replaced after signing in the text or attribute values of the signed Assertion', () => {
      const originals = [signedXml({ sign: 'assertion' }), signedXml({ sign: 'response' }), signedXml({ sign: 'both', canonicalization: 'inclusive' })];
      const cases = originals.map((xml) => ({ xml, positions: editablePositions(xml) }));
      const edit = fc
        .constantFrom(...cases)
        .chain(({ xml, positions }) => fc.tuple(fc.constant(xml), fc.constantFrom(...positions), fc.constantFrom(...'aZ09-_.:/@=+, '.split(''))))
        .filter(([xml, position, replacement]) => xml[position] !== replacement);
      fc.assert(
        fc.property(edit, ([xml, position, replacement]) => {
          const tampered = xml.slice(0, position) + replacement + xml.slice(position + 1);
          expect(codeOf(() => sut(b64(tampered)))).toBe(INVALID);
        }),
        { numRuns: 150 },
      );
    });
  });

  describe('signature wrapping', () => {
    const evil = (assertion: string, id?: string) => {
      const unsigned = assertion.replace(SIGNATURE, '').replace('alice@example.com', 'admin@example.com');
      return id ? unsigned.replace(/ ID="[^"]+"/, ` ID="${id}"`) : unsigned;
    };

    it.each<[string, (xml: string, signed: string) => string]>([
      ['an unsigned Assertion placed before the signed one', (xml, signed) => xml.replace(signed, evil(signed, '_evil') + signed)],
      ['an unsigned Assertion placed after the signed one', (xml, signed) => xml.replace(signed, signed + evil(signed, '_evil'))],
      ['the signed Assertion moved into Extensions, the attacker one with its ID in its place', (xml, signed) => xml.replace(signed, `<saml2p:Extensions>${signed}</saml2p:Extensions>${evil(signed)}`)],
      ['the signed Assertion moved into the ds:Object of its own signature', (xml, signed) => xml.replace(signed, evil(signed).replace('</saml2:Issuer>', `</saml2:Issuer>${(SIGNATURE.exec(signed) as RegExpExecArray)[0].replace('</ds:Signature>', `<ds:Object>${signed}</ds:Object></ds:Signature>`)}`))],
      ['the signed Assertion nested in the attacker Assertion', (xml, signed) => xml.replace(signed, evil(signed, '_evil').replace('</saml2:Issuer>', `</saml2:Issuer>${signed}`))],
      ['an attacker Assertion hidden in Extensions beside the signed one', (xml, signed) => xml.replace('<saml2p:Status>', `<saml2p:Extensions>${evil(signed, '_evil')}</saml2p:Extensions><saml2p:Status>`)],
      ['the signed Assertion moved into Extensions alone', (xml, signed) => xml.replace(signed, `<saml2p:Extensions>${signed}</saml2p:Extensions>`)],
      ['another element with the signed ID', (xml, signed) => xml.replace('<saml2p:Status>', `<saml2p:Extensions><x ID="${/ ID="([^"]+)"/.exec(signed)?.[1]}"/></saml2p:Extensions><saml2p:Status>`)],
    ])('%s is refused', (_, attack) => {
      for (const sign of ['assertion', 'both'] as const) {
        const xml = signedXml({ sign });
        const attacked = attack(xml, assertionOf(xml));
        expect(attacked).not.toBe(xml);
        expect(codeOf(() => sut(b64(attacked)))).toBe(INVALID);
      }
    });

    it('a signed Response wrapped inside an attacker Response is refused', () => {
      const xml = signedXml({ sign: 'response' });
      const inner = xml.replace(/^<\?xml[^>]*\?>/, '');
      const outer = inner.replace(SIGNATURE, '').replace(/ ID="_r[^"]+"/, ' ID="_outer"').replace('alice@example.com', 'admin@example.com');
      const attacked = outer.replace('</saml2:Issuer>', `</saml2:Issuer><saml2p:Extensions>${inner}</saml2p:Extensions>`);
      expect(codeOf(() => sut(b64(attacked)))).toBe(INVALID);
    });
  });

  describe('assertion content', () => {
    it.each<[string, () => string, string]>([
      ['an Issuer other than the entityID', () => response({ issuer: 'https://other.example.com' }), INVALID],
      ['an Issuer differing in case', () => response({ issuer: idp.entityId.toUpperCase() }), INVALID],
      ['two NameIDs', () => crafted((x) => x.replace(/(<saml2:NameID[\s\S]*?<\/saml2:NameID>)/, '$1$1')), INVALID],
      ['no NameID', () => crafted((x) => x.replace(/<saml2:NameID[\s\S]*?<\/saml2:NameID>/, '')), INVALID],
      ['two SubjectConfirmations', () => crafted((x) => x.replace(/(<saml2:SubjectConfirmation [\s\S]*?<\/saml2:SubjectConfirmation>)/, '$1$1')), INVALID],
      ['SubjectConfirmationData without Recipient', () => crafted((x) => x.replace(/ Recipient="[^"]*"/, '')), INVALID],
      ['a holder-of-key SubjectConfirmation', () => crafted((x) => x.replace(':cm:bearer"', ':cm:holder-of-key"')), INVALID],
      ['a sender-vouches SubjectConfirmation', () => crafted((x) => x.replace(':cm:bearer"', ':cm:sender-vouches"')), INVALID],
      ['a SubjectConfirmation without Method', () => crafted((x) => x.replace(/ Method="[^"]*"/, '')), INVALID],
      ['SubjectConfirmationData without NotOnOrAfter', () => crafted((x) => x.replace(/(<saml2:SubjectConfirmationData) NotOnOrAfter="[^"]*"/, '$1')), INVALID],
      ['a malformed NotOnOrAfter', () => crafted((x) => x.replace(/(SubjectConfirmationData NotOnOrAfter=")[^"]*/, (_, attr) => `${attr}2025-03-01 10:05:00`)), INVALID],
      ['a NotOnOrAfter without time zone', () => crafted((x) => x.replace(/(SubjectConfirmationData NotOnOrAfter="[^"]*)Z/, '$1')), INVALID],
      ['a Recipient on another host', () => response({ recipient: 'https://signin.evil.com/saml-role/sso' }), INVALID],
      ['a Recipient over http', () => response({ recipient: 'http://signin.aliyun.com/saml-role/sso' }), INVALID],
      ['a Recipient with another path', () => response({ recipient: 'https://signin.aliyun.com/saml-role/sso2' }), INVALID],
      ['no accepted Audience', () => response({ audiences: ['urn:amazon:webservices'] }), INVALID],
      ['an empty AudienceRestriction', () => response({ audiences: [] }), INVALID],
      ['no Conditions', () => crafted((x) => x.replace(/<saml2:Conditions[\s\S]*<\/saml2:Conditions>/, '')), INVALID],
      ['no Role attribute', () => response({ roles: [] }), INVALID],
      ['only a Role value that is not two ARNs', () => response({ roles: [ROLE] }), INVALID],
      ['only a Role value with two role ARNs', () => response({ roles: [`${ROLE},${ROLE}`] }), INVALID],
      ['no RoleSessionName attribute', () => response({ roleSessionNames: [] }), SESSION_NAME],
      ['two RoleSessionName values', () => response({ roleSessionNames: ['alice', 'bob'] }), SESSION_NAME],
      ['two RoleSessionName attributes', () => crafted((x) => x.replace(`<saml2:Attribute Name="${SESSION_ATTR}">`, `<saml2:Attribute Name="${SESSION_ATTR}"><saml2:AttributeValue>bob</saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name="${SESSION_ATTR}">`)), SESSION_NAME],
      ['a one-character RoleSessionName', () => response({ roleSessionNames: ['a'] }), SESSION_NAME],
      ['a 65-character RoleSessionName', () => response({ roleSessionNames: ['a'.repeat(65)] }), SESSION_NAME],
      ['a RoleSessionName with a space', () => response({ roleSessionNames: ['alice smith'] }), SESSION_NAME],
      ['a RoleSessionName with a slash', () => response({ roleSessionNames: ['alice/x'] }), SESSION_NAME],
    ])('%s is refused', (_, parameter, code) => {
      expect(codeOf(() => sut(parameter()))).toBe(code);
    });

    it.each<[string, SamlResponseOptions]>([
      ['the international site', { recipient: 'https://signin.alibabacloud.com/saml-role/sso', audiences: ['urn:alibaba:cloudcomputing:international'] }],
      ['an upper-case Recipient path', { recipient: 'https://signin.aliyun.com/saml-role/SSO' }],
      ['an upper-case Recipient host', { recipient: 'https://SIGNIN.aliyun.com/saml-role/sso' }],
      ['other audiences next to ours', { audiences: ['urn:amazon:webservices', 'urn:alibaba:cloudcomputing'] }],
      ['a 64-character RoleSessionName of every allowed character', { roleSessionNames: ['Aa0-_.@=,+'.repeat(6) + 'abcd'] }],
      ['a Role attribute split over two Attribute elements', { roles: [`${ROLE},${PROVIDER}`] }],
    ])('accepts %s', (_, options) => {
      const parameter = options.roles ? crafted((x) => x.replace(`<saml2:Attribute Name="${ROLE_ATTR}">`, `<saml2:Attribute Name="${ROLE_ATTR}"><saml2:AttributeValue>${PROVIDER},acs:ram::1234567890123456:role/other</saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name="${ROLE_ATTR}">`), options) : response(options);
      const verified = sut(parameter);
      expect(verified.recipient).toBe(options.recipient ?? 'https://signin.aliyun.com/saml-role/sso');
      // the trust policy sees the accepted ACS URL as configured, whatever case the IdP wrote it in
      expect(verified.acsUrl).toBe(options.recipient?.includes('alibabacloud') ? 'https://signin.alibabacloud.com/saml-role/sso' : 'https://signin.aliyun.com/saml-role/sso');
      if (options.roleSessionNames) expect(verified.roleSessionName).toBe(options.roleSessionNames[0]);
      if (options.roles) expect(verified.roles).toHaveLength(2);
    });
  });

  describe('validity window (300 s skew)', () => {
    it.each<[string, SamlResponseOptions, string]>([
      ['SubjectConfirmationData that expired exactly the skew ago is Expired', { subjectNotOnOrAfter: at(-300) }, EXPIRED],
      ['SubjectConfirmationData that expired within the skew is accepted', { subjectNotOnOrAfter: at(-299) }, 'accepted'],
      ['Conditions that expired beyond the skew are Expired', { notOnOrAfter: at(-301), subjectNotOnOrAfter: at(60) }, EXPIRED],
      ['Conditions that expired within the skew are accepted', { notOnOrAfter: at(-1), subjectNotOnOrAfter: at(60) }, 'accepted'],
      ['a NotBefore further ahead than the skew is Expired', { notBefore: at(301) }, EXPIRED],
      ['a NotBefore ahead by the skew is accepted', { notBefore: at(300) }, 'accepted'],
    ])('%s', (_, options, code) => {
      expect(codeOf(() => sut(response(options)))).toBe(code);
    });

    it('is Invalid, not Expired, when an expired assertion is also unsigned', () => {
      expect(codeOf(() => sut(response({ sign: 'none', subjectNotOnOrAfter: at(-3600) })))).toBe(INVALID);
    });
  });
});

describe(signedAssertion.name, () => {
  const nameIdOf = (assertion: Element) => textOf(onlyChild(onlyChild(assertion, SAML_ASSERTION_NS, 'Subject'), SAML_ASSERTION_NS, 'NameID'));

  it('returns the Assertion as the signed bytes say, not as the caller parsed the message', () => {
    const xml = signedXml();
    const misread = parseXml(xml.replace('alice@example.com', 'admin@example.com'));
    expect(nameIdOf(signedAssertion(xml, misread, [idp.certPem]))).toBe('alice@example.com');
  });

  it("does not take the Response's signature, moved into the Assertion, for the Assertion's", () => {
    const xml = signedXml({ sign: 'response' });
    const signature = (SIGNATURE.exec(xml) as RegExpExecArray)[0];
    const moved = xml.replace(signature, '').replace(/(<saml2:Assertion[\s\S]*?<\/saml2:Issuer>)/, `$1${signature}`);
    expect(() => signedAssertion(moved, parseXml(moved), [idp.certPem])).toThrow(StsError);
  });
});

describe(grantsRole.name, () => {
  it('finds the request pair in either order, ARNs compared case-insensitively', () => {
    const other = 'acs:ram::1234567890123456:role/other';
    const assertion = sut(response({ roles: [`${PROVIDER},${ROLE}`, `${other},${PROVIDER}`] }));
    expect(grantsRole(assertion, ROLE, PROVIDER)).toBe(true);
    expect(grantsRole(assertion, other, PROVIDER)).toBe(true);
    expect(grantsRole(assertion, ROLE.toUpperCase(), PROVIDER.replace('test-idp', 'Test-IdP'))).toBe(true);
    expect(grantsRole(assertion, 'acs:ram::1234567890123456:role/admin', PROVIDER)).toBe(false);
    expect(grantsRole(assertion, ROLE, 'acs:ram::1234567890123456:saml-provider/other')).toBe(false);
    expect(grantsRole(assertion, PROVIDER, ROLE)).toBe(false);
  });
});

/**
 * Offsets of characters in element text and attribute values of the Assertion, outside its
 * Signature and namespace declarations (an unused declaration is legitimately not signed with
 * exclusive C14N), whose replacement keeps the XML well-formed.
 */
function editablePositions(xml: string): number[] {
  const start = xml.indexOf('<saml2:Assertion');
  const end = xml.indexOf('</saml2:Assertion>');
  const signatures = [...xml.matchAll(new RegExp(SIGNATURE, 'g'))].map((m) => [m.index as number, (m.index as number) + m[0].length]);
  const positions: number[] = [];
  for (const m of xml.slice(start, end).matchAll(/>([^<]+)<|\s([\w:]+)="([^"]*)"/g)) {
    if (m[2]?.startsWith('xmlns')) continue;
    const value = m[1] ?? m[3];
    const offset = start + (m.index as number) + m[0].indexOf(m[1] === undefined ? `="${value}"` : `>${value}`) + (m[1] === undefined ? 2 : 1);
    for (let i = 0; i < value.length; i++) {
      const p = offset + i;
      if (xml[p] !== '&' && !signatures.some(([s, e]) => p >= s && p < e)) positions.push(p);
    }
  }
  return positions;
}
