import type { Element } from '@xmldom/xmldom';
import { parseArnOfKind } from '../../arn';
import { Errors } from '../../errors';
import { attributeOf, children, onlyChild, SAML_ASSERTION_NS as A, textOf } from './saml-xml.reader';
import type { SamlRoleGrant, SamlVerificationOptions, VerifiedSamlAssertion } from './saml.types';

export const ROLE_ATTRIBUTE = 'https://www.aliyun.com/SAML-Role/Attributes/Role';
export const ROLE_SESSION_NAME_ATTRIBUTE = 'https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName';
const NAMEID_FORMAT_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:';
/** The Web Browser SSO profile's only confirmation method (SAML profiles §4.1.4.2): holder-of-key and sender-vouches need proof this call cannot carry. */
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const ROLE_SESSION_NAME = /^[A-Za-z0-9\-_.@=,+]{2,64}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** federation.md A.4 #4 and #6–#11 over an Assertion that has already been re-read from signed bytes. */
export function readSignedAssertion(assertion: Element, entityId: string, options: SamlVerificationOptions, now: Date): VerifiedSamlAssertion {
  const issuer = textOf(onlyChild(assertion, A, 'Issuer'));
  if (issuer !== entityId) throw Errors.samlAssertionInvalid();

  const subject = onlyChild(assertion, A, 'Subject');
  const nameId = onlyChild(subject, A, 'NameID');
  const subjectConfirmation = onlyChild(subject, A, 'SubjectConfirmation');
  if (attributeOf(subjectConfirmation, 'Method') !== BEARER) throw Errors.samlAssertionInvalid();
  const confirmation = onlyChild(subjectConfirmation, A, 'SubjectConfirmationData');
  const recipient = confirmation.getAttribute('Recipient') ?? '';
  const subjectNotOnOrAfter = instant(attributeOf(confirmation, 'NotOnOrAfter'));
  const acsUrl = confirmation.hasAttribute('Recipient') ? options.recipients.find((accepted) => sameAcsUrl(recipient, accepted)) : undefined;
  if (acsUrl === undefined) throw Errors.samlAssertionInvalid();

  const conditions = onlyChild(assertion, A, 'Conditions');
  const notBefore = optionalInstant(attributeOf(conditions, 'NotBefore'));
  const conditionsNotOnOrAfter = optionalInstant(attributeOf(conditions, 'NotOnOrAfter'));
  const subjectNotBefore = optionalInstant(attributeOf(confirmation, 'NotBefore'));
  const skew = Number.isFinite(options.clockSkewSeconds) ? Math.max(0, options.clockSkewSeconds) * 1000 : 0;
  const t = now.getTime();
  const ends = [subjectNotOnOrAfter, ...(conditionsNotOnOrAfter ? [conditionsNotOnOrAfter] : [])];
  const starts = [notBefore, subjectNotBefore].filter((d): d is Date => d !== undefined);
  // written to fail closed: an invalid `now` (NaN) compares false and counts as expired
  if (!ends.every((end) => t < end.getTime() + skew) || !starts.every((start) => t + skew >= start.getTime())) throw Errors.samlAssertionExpired();

  // every AudienceRestriction must hold (SAML core 2.5.1.4); an empty one holds for nobody
  const restrictions = children(conditions, A, 'AudienceRestriction');
  const accepted = (r: Element) => children(r, A, 'Audience').some((audience) => options.audiences.includes(textOf(audience)));
  if (restrictions.length === 0 || !restrictions.every(accepted)) throw Errors.samlAssertionInvalid();

  // values that are not a role/provider pair (one meant for another product) are passed over: the
  // request's pair only has to be among them (federation.md A.4 #10); none usable is Invalid
  const roles = attributeValues(assertion, ROLE_ATTRIBUTE).flat().flatMap((value) => roleGrant(value) ?? []);
  if (roles.length === 0) throw Errors.samlAssertionInvalid();

  const sessionNames = attributeValues(assertion, ROLE_SESSION_NAME_ATTRIBUTE);
  if (sessionNames.length !== 1 || sessionNames[0].length !== 1 || !ROLE_SESSION_NAME.test(sessionNames[0][0])) throw Errors.samlRoleSessionNameInvalid();

  const format = attributeOf(nameId, 'Format') ?? '';
  return {
    issuer,
    subject: textOf(nameId),
    subjectType: format.startsWith(NAMEID_FORMAT_PREFIX) ? format.slice(NAMEID_FORMAT_PREFIX.length) : format,
    recipient,
    acsUrl,
    roles,
    roleSessionName: sessionNames[0][0],
    notOnOrAfter: new Date(Math.min(...ends.map((d) => d.getTime()))),
  };
}

/** federation.md A.2: scheme, host and port exactly, path case-insensitively (the SDK sample echoes `/SSO`). */
export function sameAcsUrl(candidate: string, accepted: string): boolean {
  const got = url(candidate);
  const want = url(accepted);
  if (!got || !want || got.username || got.password) return false;
  return got.protocol === want.protocol && got.host === want.host && got.pathname.toLowerCase() === want.pathname.toLowerCase() && got.search === want.search && got.hash === want.hash;
}

/** One entry per Attribute element with that Name, each the list of its values. */
function attributeValues(assertion: Element, name: string): string[][] {
  return children(assertion, A, 'AttributeStatement')
    .flatMap((statement) => children(statement, A, 'Attribute'))
    .filter((attribute) => attribute.getAttribute('Name') === name)
    .map((attribute) => children(attribute, A, 'AttributeValue').map(textOf));
}

/** "<role-arn>,<saml-provider-arn>" in either order (federation.md A.4 #10); undefined for anything else. */
function roleGrant(value: string): SamlRoleGrant | undefined {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length === 2) {
    const [first, second] = parts;
    if (parseArnOfKind('role', first).ok && parseArnOfKind('saml-provider', second).ok) return { roleArn: first, providerArn: second };
    if (parseArnOfKind('saml-provider', first).ok && parseArnOfKind('role', second).ok) return { roleArn: second, providerArn: first };
  }
  return undefined;
}

/** xs:dateTime with a zone; a zoneless or malformed instant is Invalid (not Expired). */
function instant(value: string | undefined): Date {
  const match = value === undefined ? null : DATE_TIME.exec(value);
  if (!match) throw Errors.samlAssertionInvalid();
  const millis = Date.parse(`${match[1]}.${(match[2] ?? '').padEnd(3, '0').slice(0, 3)}${match[3]}`);
  if (Number.isNaN(millis)) throw Errors.samlAssertionInvalid();
  return new Date(millis);
}

function optionalInstant(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : instant(value);
}

function url(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
