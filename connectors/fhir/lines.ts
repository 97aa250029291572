/**
 * NDJSON, streamed: bytes → UTF-8 text → lines, one chunk at a time. A file is never held as one
 * string; only the line being assembled is. FHIR bulk data is UTF-8 by specification (a BOM is
 * dropped by the decoder).
 */
import type { SourceFile } from '../source';

export interface NdjsonLine {
  /** 1-based physical line number. */
  readonly line: number;
  /** The line's text without its line break; empty when `overlongChars` is set. */
  readonly text: string;
  /** Set when the line was longer than the limit: its text was dropped as it streamed by. */
  readonly overlongChars?: number;
}

export interface LineOptions {
  /** Longest line kept, in UTF-16 code units (default 256 Mi, near V8's string limit of ~512 Mi). */
  readonly maxLineChars?: number | undefined;
  /** Called after each chunk with the bytes read so far. */
  readonly onProgress?: ((bytesRead: number) => void) | undefined;
}

export const DEFAULT_MAX_LINE_CHARS = 256 * 1024 * 1024;

/**
 * Yields the non-blank lines of `source` in batches: each batch holds the lines the latest chunk
 * completed, as soon as it has arrived (a batch per chunk keeps the per-line cost of async
 * iteration out of the hot loop).
 * A line longer than `maxLineChars` is not assembled (its parts are dropped); it is yielded with
 * `overlongChars` so the caller can report it.
 */
export async function* readLineBatches(source: SourceFile, options: LineOptions = {}): AsyncGenerator<NdjsonLine[]> {
  const maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  const decoder = new TextDecoder('utf-8');
  let parts: string[] = [];
  let partsLength = 0;
  let overlong = false;
  let lineNumber = 1;
  let bytesRead = 0;

  const finish = (tail: string): NdjsonLine | undefined => {
    const length = partsLength + tail.length;
    let result: NdjsonLine | undefined;
    if (overlong || length > maxLineChars) {
      result = { line: lineNumber, text: '', overlongChars: length };
    } else {
      const text = (parts.length === 0 ? tail : parts.join('') + tail).replace(/\r$/, '');
      if (text.trim() !== '') result = { line: lineNumber, text };
    }
    parts = [];
    partsLength = 0;
    overlong = false;
    lineNumber++;
    return result;
  };

  const take = (text: string): NdjsonLine[] => {
    const batch: NdjsonLine[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = finish(text.slice(start, nl));
      if (line !== undefined) batch.push(line);
      start = nl + 1;
    }
    const rest = text.slice(start);
    if (rest === '') return batch;
    partsLength += rest.length;
    if (partsLength > maxLineChars) {
      overlong = true;
      parts = [];
    } else if (!overlong) {
      parts.push(rest);
    }
    return batch;
  };

  for await (const chunk of source.chunks()) {
    bytesRead += chunk.byteLength;
    const batch = take(decoder.decode(chunk, { stream: true }));
    if (batch.length > 0) yield batch;
    options.onProgress?.(bytesRead);
  }
  const last = take(decoder.decode());
  if (partsLength > 0 || overlong) {
    const line = finish('');
    if (line !== undefined) last.push(line);
  }
  if (last.length > 0) yield last;
}
