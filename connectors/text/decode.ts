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

/** `a` then `b` in a new array (never `b` itself: a source may reuse the chunk's buffer). */
function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.byteLength + b.byteLength);
  joined.set(a, 0);
  joined.set(b, a.byteLength);
  return joined;
}

/**
 * How many bytes at the end of `bytes` begin a UTF-8 character the chunk does not finish: a valid
 * lead with valid continuations so far (the WHATWG decoder's bounds, so E0 80 or a stray C0 is not
 * "unfinished" but invalid, as a streaming decoder finds at once).
 */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  const end = bytes.byteLength;
  for (let back = 1; back <= Math.min(3, end); back++) {
    const b = bytes[end - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 1;
    if (need <= back) return 0;
    if (back === 1) return 1;
    const second = bytes[end - back + 1] ?? 0;
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    return second >= low && second <= high ? back : 0;
  }
  return 0;
}

/**
 * A streaming decoder for one file. Feed chunks in order with `write`, then call `end`.
 * `issues` says which encoding was used when it was not plain UTF-8.
 */
export class TextStreamDecoder {
  /**
   * UTF-8 is decoded whole character runs at a time, each call on its own (not `stream: true`):
   * Node's streaming decoder goes through ICU and returns two-byte strings kept outside the heap
   * (2 bytes per character, freed only by a later collection, so peak memory grew with the file),
   * while a one-off decode of ASCII text is a plain one-byte string, several times faster to make.
   * `ignoreBOM` because each call would otherwise drop a U+FEFF at its start; the stream drops one
   * only at its very start (`utf8`).
   */
  private readonly utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** The decoder for UTF-16 or Windows-1252, once chosen. */
  private decoder: TextDecoder | undefined;
  private started = false;
  private startBuffer: Uint8Array = new Uint8Array(0);
  /** The bytes of an unfinished UTF-8 character at the end of the last chunk (a copy: callers may reuse chunks). */
  private pendingTail: Uint8Array = new Uint8Array(0);
  /** Whether the first character has been decoded (a U+FEFF there is a byte-order mark, not text). */
  private seenFirst = false;
  encoding: TextEncodingName = 'utf-8';
  readonly issues: Issue[] = [];

  constructor(private readonly fileName: string) {}

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
    if (this.decoder !== undefined) return head + this.decoder.decode();
    const tail = this.pendingTail;
    if (tail.byteLength === 0) return head;
    // A character the file never finished is not UTF-8: read those last bytes as Windows-1252.
    return head + this.switchTo1252().decode(tail);
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
    if (this.decoder !== undefined) return this.decoder.decode(bytes, { stream: true });
    const held = this.pendingTail;
    const input = held.byteLength === 0 ? bytes : concat(held, bytes);
    const whole = input.byteLength - incompleteUtf8Tail(input);
    let text: string;
    try {
      text = this.utf8Decoder.decode(whole === input.byteLength ? input : input.subarray(0, whole));
    } catch {
      // Not UTF-8: everything decoded so far was plain ASCII or valid UTF-8; read the rest as
      // Windows-1252, starting with the bytes of the unfinished character held back.
      return this.switchTo1252().decode(input, { stream: true });
    }
    this.pendingTail = input.slice(whole);
    return this.seenFirst ? text : this.utf8(text);
  }

  /** The first text decoded, without a U+FEFF at its start (a second BOM after the one the sniff skipped), as a streaming decoder drops it. */
  private utf8(text: string): string {
    if (text.length === 0) return text;
    this.seenFirst = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /** Reads the rest of the file as Windows-1252 (and says so); returns that decoder. */
  private switchTo1252(): TextDecoder {
    const decoder = new TextDecoder('windows-1252');
    this.encoding = 'windows-1252';
    this.decoder = decoder;
    this.pendingTail = new Uint8Array(0);
    this.note(messages.encodingWindows1252());
    return decoder;
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
