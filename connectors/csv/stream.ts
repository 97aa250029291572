/**
 * Streaming delimited text: bytes → text (connectors/text) → papaparse's parser, chunk by chunk, so
 * memory holds one chunk and the rows being mapped, never the file. Each row is delivered with the
 * physical line it starts on (a quoted field may span lines).
 */
import Papa from 'papaparse';
import { messages } from '../../core/messages';
import type { Issue } from '../../core/issues';
import type { SourceFile } from '../source';
import { TextStreamDecoder } from '../text/decode';
import { sniffDelimiter, type Delimiter } from '../text/delimiter';
import { IssueLog } from './issues';

export type RowHandler = (cells: readonly string[], line: number) => void;

export interface StreamOptions {
  /** Fixed delimiter; sniffed from the first text when absent. */
  readonly delimiter?: Delimiter | undefined;
  readonly onProgress?: ((bytesRead: number) => void) | undefined;
}

export interface StreamResult {
  readonly delimiter: Delimiter;
  readonly issues: readonly Issue[];
  /** Physical lines of text read. */
  readonly lines: number;
}

/** Text looked at before choosing the delimiter and line ending. */
const SNIFF_CHARS = 64 * 1024;

function newlineOf(text: string): '\r\n' | '\n' | '\r' {
  const lf = text.indexOf('\n');
  if (lf === -1) return text.includes('\r') ? '\r' : '\n';
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

interface PapaResult {
  data: string[][];
  errors: { type: string; code: string; message: string; row?: number }[];
  meta: { cursor: number };
}

/** Reads `source` as delimited text and calls `onRow` for every row (blank lines included). */
export async function streamDelimited(source: SourceFile, onRow: RowHandler, options: StreamOptions = {}): Promise<StreamResult> {
  const decoder = new TextStreamDecoder(source.name);
  const log = new IssueLog(source.name, 100);
  let parser: Papa.Parser | undefined;
  let delimiter: Delimiter = options.delimiter ?? ',';
  let lineChar = '\n';
  let pendingText = '';
  let partial = '';
  let baseIndex = 0;
  let line = 1;
  let bytesRead = 0;

  const parse = (text: string, final: boolean) => {
    if (parser === undefined) {
      pendingText += text;
      if (!final && pendingText.length < SNIFF_CHARS) return;
      delimiter = options.delimiter ?? sniffDelimiter(pendingText, source.name) ?? ',';
      const newline = newlineOf(pendingText);
      lineChar = newline === '\r' ? '\r' : '\n';
      parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
      text = pendingText;
      pendingText = '';
    }
    const aggregate = partial + text;
    if (aggregate === '') return;
    const results = parser.parse(aggregate, baseIndex, !final) as PapaResult;
    // Rows span several physical lines only when a quoted field holds a line break: count the
    // chunk's line breaks once, and look into the cells only when there are more than rows.
    const rows = results.data;
    const quoted = aggregate.includes('"') && breaksIn(aggregate, lineChar, final ? aggregate.length : results.meta.cursor - baseIndex) > rows.length - (final ? 1 : 0);
    let errors: Map<number, string> | undefined;
    if (results.errors.length > 0) {
      errors = new Map();
      for (const e of results.errors) if (e.row !== undefined && !errors.has(e.row)) errors.set(e.row, e.message);
    }
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r] as string[];
      const error = errors?.get(r);
      if (error !== undefined) log.add('malformed-row', 'warning', messages.malformedRow(error), { line });
      onRow(cells, line);
      line++;
      if (quoted) {
        // A quoted field holding line breaks makes the row span several physical lines.
        for (let c = 0; c < cells.length; c++) {
          const cell = cells[c] as string;
          if (cell.length === 0) continue;
          let at = cell.indexOf(lineChar);
          while (at !== -1) {
            line++;
            at = cell.indexOf(lineChar, at + 1);
          }
        }
      }
    }
    if (!final) {
      const cursor = results.meta.cursor;
      partial = aggregate.substring(cursor - baseIndex);
      baseIndex = cursor;
    }
  };

  for await (const chunk of source.chunks()) {
    bytesRead += chunk.byteLength;
    parse(decoder.write(chunk), false);
    options.onProgress?.(bytesRead);
  }
  parse(decoder.end(), true);
  log.push(...decoder.issues);
  return { delimiter, issues: log.finish(), lines: line - 1 };
}

/** Line breaks in the first `end` characters of `text`. */
function breaksIn(text: string, lineChar: string, end: number): number {
  let n = 0;
  let at = text.indexOf(lineChar);
  while (at !== -1 && at < end) {
    n++;
    at = text.indexOf(lineChar, at + 1);
  }
  return n;
}
