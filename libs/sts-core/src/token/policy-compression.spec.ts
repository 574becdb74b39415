import { compressPolicy, decompressPolicy } from './policy-compression';
import { ONE_KB_POLICY } from './token.fixtures';

describe(compressPolicy.name, () => {
  const sut = compressPolicy;

  it('deflates a typical policy to well under half', () => {
    const stored = sut(ONE_KB_POLICY);
    expect(stored.deflated).toBe(true);
    expect(stored.bytes.length).toBeLessThan(ONE_KB_POLICY.length / 2);
    expect(decompressPolicy(stored)).toBe(ONE_KB_POLICY);
  });

  it('stores a policy raw when deflate would not shrink it', () => {
    const stored = sut('{}');
    expect(stored).toEqual({ bytes: Buffer.from('{}'), deflated: false });
    expect(decompressPolicy(stored)).toBe('{}');
  });

  it('keeps non-ASCII text intact', () => {
    const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: 'acs:oss:*:*:桶/文件-ü-😀' }] });
    expect(decompressPolicy(sut(policy))).toBe(policy);
  });
});
