/**
 * Bytes → text for every text export: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and
 * Windows-1252 when the bytes are not valid UTF-8. Streaming: a chunk may end inside a character.
 */
import { issue, type Issue } from '../../core/issues';
import { messages } from '../../core/messages';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  readonly encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start (0 when none). */
  readonly bomLength: number;
}

/**
 * Reads the byte-order mark, and recognises BOM-less UTF-16 by its zero bytes (ASCII text in
 * UTF-16 has a zero in every other byte). Everything else starts as UTF-8; the stream decoder
 * falls back to Windows-1252 on the first invalid UTF-8 sequence.
 */
export function sniffEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const n = Math.min(head.byteLength, 512) & ~1;
  if (n >= 8) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenZeros++;
      if (head[i + 1] === 0) oddZeros++;
    }
    const pairs = n / 2;
    if (oddZeros > pairs * 0.9 && evenZeros === 0) return { encoding: 'utf-16le', bomLength: 0 };
    if (evenZeros > pairs * 0.9 && oddZeros === 0) return { encoding: 'utf-16be', bomLength: 0 };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

/** Bytes looked at before choosing an encoding. */
const SNIFF_BYTES = 512;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b;
  const joined = new Uint8Array(a.byteLength + b.byteLength);
  joined.set(a, 0);
  joined.set(b, a.byteLength);
  return joined;
}

/** How many bytes at the end of `bytes` start a UTF-8 character the chunk does not finish. */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  const end = bytes.byteLength;
  for (let back = 1; back <= Math.min(3, end); back++) {
    const b = bytes[end - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * A streaming decoder for one file. Feed chunks in order with `write`, then call `end`.
 * `issues` says which encoding was used when it was not plain UTF-8.
 */
export class TextStreamDecoder {
  private decoder: TextDecoder;
  private started = false;
  private startBuffer: Uint8Array = new Uint8Array(0);
  private pendingTail: Uint8Array = new Uint8Array(0);
  encoding: TextEncodingName = 'utf-8';
  readonly issues: Issue[] = [];

  constructor(private readonly fileName: string) {
    this.decoder = new TextDecoder('utf-8', { fatal: true });
  }

  /** Decodes the next chunk; returns the text it completes. */
  write(chunk: Uint8Array): string {
    if (!this.started) {
      // Hold the first bytes until there are enough to tell the encoding (tiny chunks, tests).
      this.startBuffer = concat(this.startBuffer, chunk);
      if (this.startBuffer.byteLength < SNIFF_BYTES) return '';
      return this.start();
    }
    return this.decode(chunk);
  }

  /** Flushes what the decoder still holds. */
  end(): string {
    const head = this.started ? '' : this.start();
    if (this.encoding !== 'utf-8') return head + this.decoder.decode();
    try {
      return head + this.decoder.decode();
    } catch {
      const tail = this.pendingTail;
      this.switchTo1252();
      return head + this.decoder.decode(tail);
    }
  }

  /** Decodes the held first bytes without ending the stream (a file's head, for detection). */
  drain(): string {
    return this.started ? '' : this.start();
  }

  private start(): string {
    this.started = true;
    const bytes = this.startBuffer;
    this.startBuffer = new Uint8Array(0);
    const guess = sniffEncoding(bytes);
    this.encoding = guess.encoding;
    if (guess.encoding !== 'utf-8') {
      this.decoder = new TextDecoder(guess.encoding);
      if (guess.bomLength === 0) this.note(messages.encodingUtf16WithoutBom(guess.encoding));
    }
    return this.decode(bytes.subarray(guess.bomLength));
  }

  private decode(bytes: Uint8Array): string {
    if (this.encoding !== 'utf-8') return this.decoder.decode(bytes, { stream: true });
    try {
      const text = this.decoder.decode(bytes, { stream: true });
      this.pendingTail = bytes.subarray(bytes.byteLength - incompleteUtf8Tail(bytes));
      return text;
    } catch {
      // Not UTF-8: everything decoded so far was plain ASCII or valid UTF-8; read the rest as
      // Windows-1252, starting with the bytes the UTF-8 decoder still held.
      return this.fallBack(bytes);
    }
  }

  private fallBack(bytes: Uint8Array): string {
    const held = this.pendingTail;
    this.switchTo1252();
    return this.decoder.decode(concat(held, bytes), { stream: true });
  }

  private switchTo1252(): void {
    this.encoding = 'windows-1252';
    this.decoder = new TextDecoder('windows-1252');
    this.pendingTail = new Uint8Array(0);
    this.note(messages.encodingWindows1252());
  }

  private note(message: string): void {
    this.issues.push(issue('encoding', 'info', message, { file: this.fileName }));
  }
}

/**
 * Decodes a whole byte array with the same rules as the stream. `partial` marks a file's head
 * (detection): a character cut at its end is dropped rather than taken for bad UTF-8.
 */
export function decodeText(
  bytes: Uint8Array,
  fileName = '',
  partial = false,
): { text: string; encoding: TextEncodingName; issues: Issue[] } {
  const decoder = new TextStreamDecoder(fileName);
  const text = decoder.write(bytes) + (partial ? decoder.drain() : decoder.end());
  return { text, encoding: decoder.encoding, issues: decoder.issues };
}
