/** Thrown while reading a decrypted payload; the codec turns it into InvalidSecurityToken.Malformed. */
export class MalformedPayloadError extends Error {
  override readonly name = 'MalformedPayloadError';
}

/** Lengths are LEB128 varints of at most 3 bytes (< 2 MiB), far above any token field. */
const MAX_VARINT_BYTES = 3;

export class PayloadWriter {
  private readonly chunks: Buffer[] = [];

  u8(value: number): this {
    this.chunks.push(Buffer.of(value));
    return this;
  }

  u32(value: number): this {
    const chunk = Buffer.allocUnsafe(4);
    chunk.writeUInt32BE(value);
    this.chunks.push(chunk);
    return this;
  }

  bytes(value: Uint8Array): this {
    let length = value.length;
    if (length >= 1 << (7 * MAX_VARINT_BYTES)) throw new RangeError('token field too long');
    const prefix: number[] = [];
    do {
      prefix.push((length & 0x7f) | (length > 0x7f ? 0x80 : 0));
      length >>>= 7;
    } while (length > 0);
    this.chunks.push(Buffer.from(prefix), Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    return this;
  }

  string(value: string): this {
    return this.bytes(Buffer.from(value, 'utf8'));
  }

  finish(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** A strict reader: every read is bounds-checked and `end` insists that nothing is left over. */
export class PayloadReader {
  private at = 0;

  constructor(private readonly buf: Buffer) {}

  u8(): number {
    if (this.at >= this.buf.length) throw new MalformedPayloadError('truncated');
    return this.buf[this.at++];
  }

  u32(): number {
    if (this.at + 4 > this.buf.length) throw new MalformedPayloadError('truncated');
    const value = this.buf.readUInt32BE(this.at);
    this.at += 4;
    return value;
  }

  bytes(): Buffer {
    const length = this.length();
    if (this.at + length > this.buf.length) throw new MalformedPayloadError('truncated');
    const value = this.buf.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }

  string(): string {
    const length = this.length();
    if (this.at + length > this.buf.length) throw new MalformedPayloadError('truncated');
    const value = this.buf.toString('utf8', this.at, this.at + length);
    this.at += length;
    return value;
  }

  end(): void {
    if (this.at !== this.buf.length) throw new MalformedPayloadError('trailing bytes');
  }

  /** Rejects non-minimal varints so that each payload has exactly one encoding. */
  private length(): number {
    let value = 0;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const byte = this.u8();
      value |= (byte & 0x7f) << (7 * i);
      if ((byte & 0x80) === 0) {
        if (byte === 0 && i > 0) throw new MalformedPayloadError('non-minimal length');
        return value;
      }
    }
    throw new MalformedPayloadError('length too long');
  }
}
