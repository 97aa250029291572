/**
 * What kind of file is this? Looks at the first bytes (magic numbers), then at the decoded text:
 * X12 envelopes, FHIR JSON/NDJSON, delimited text. Never throws; an unrecognised file is
 * `unknown` with a reason a practice manager can read.
 */
import { messages } from '../core/messages';
import type { SourceFormat } from '../core/source';
import { delimiterNames, sniffDelimiter } from './text/delimiter';
import { decodeText } from './text/decode';

export interface Detection {
  readonly format: SourceFormat;
  /** Why: shown by `practice inspect` and, for `unknown`, the one-line reason the file was refused. */
  readonly reason: string;
}

const startsWith = (head: Uint8Array, bytes: readonly number[]): boolean => bytes.every((b, i) => head[i] === b);

/** Binary formats people pick up by mistake, by their first bytes. */
const MAGIC: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file (decompress it first)' },
  { bytes: [0x42, 0x4d], what: 'a BMP image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive (extract it first)' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive (extract it first)' },
];

/** ISA or a bare ST, after an optional BOM or whitespace, with whatever element separator the sender chose. */
const X12_START = /^(?:ISA(.)|ST([^A-Za-z0-9\s])(?:835|837)\2)/;

/** Detects the format of a file from its first bytes (64 KB is plenty) and its name. */
export function detect(head: Uint8Array, fileName: string): Detection {
  if (head.byteLength === 0) return { format: 'unknown', reason: messages.fileEmpty() };
  for (const m of MAGIC) {
    // BMP's two-letter magic "BM" is also how some text begins; require the name to agree.
    if (m.what === 'a BMP image' && !/\.bmp$/i.test(fileName)) continue;
    if (startsWith(head, m.bytes)) return { format: 'unknown', reason: messages.notAnExport(m.what) };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (/\.(docx|pptx|zip|jar)$/i.test(fileName)) return { format: 'unknown', reason: messages.notAnExport('a zip archive or Office document, not a workbook') };
    return { format: 'xlsx', reason: 'an Excel workbook (.xlsx, a zip container)' };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return { format: 'xls', reason: messages.legacyXls() };

  const { text, encoding } = decodeText(head, fileName, true);
  if (looksBinary(text)) return { format: 'unknown', reason: messages.notAnExport('a binary file') };
  const trimmed = text.replace(/^[\s\uFEFF]+/, '');
  if (trimmed === '') return { format: 'unknown', reason: messages.fileEmpty() };
  const encodingNote = encoding === 'utf-8' ? '' : ` (${encoding})`;

  const x12 = X12_START.exec(trimmed);
  if (x12) return { format: x12Kind(trimmed, x12[1] ?? x12[2] ?? '*'), reason: `X12 EDI${encodingNote}` };

  if (trimmed.startsWith('{')) return jsonKind(trimmed, fileName);
  if (trimmed.startsWith('<')) return { format: 'unknown', reason: messages.notAnExport('an HTML or XML document') };

  const delimiter = sniffDelimiter(trimmed, fileName);
  if (delimiter === '\t') return { format: 'tsv', reason: `tab-separated text${encodingNote}` };
  if (delimiter !== undefined) return { format: 'csv', reason: `${delimiterNames[delimiter]}-separated text${encodingNote}` };
  return { format: 'csv', reason: `text with a single column${encodingNote}` };
}

/** NUL or many control characters: not text in any encoding we read. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control > sample.length * 0.05;
}

/**
 * 835, 837 professional, or other X12, from ST01 and the implementation guide named in GS08 / ST03
 * (X222/X098 = 837P; X223/X096 institutional and X224/X097 dental are not 837P).
 */
function x12Kind(text: string, separator: string): SourceFormat {
  const escaped = separator.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const st = new RegExp(`(?:^|[^A-Za-z0-9])ST${escaped}(\\d{3})`).exec(text);
  const type = st?.[1];
  if (type === '835') return 'x12-835';
  if (type === '837') {
    if (/X22[34]|X09[67]/.test(text.slice(0, 4096))) return 'x12';
    return 'x12-837p';
  }
  return 'x12';
}

function jsonKind(text: string, fileName: string): { format: SourceFormat; reason: string } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const first = lines[0] ?? '';
  let firstObject: unknown;
  try {
    firstObject = JSON.parse(first);
  } catch {
    firstObject = undefined;
  }
  const resourceTypeOf = (o: unknown) =>
    typeof o === 'object' && o !== null && typeof (o as { resourceType?: unknown }).resourceType === 'string'
      ? (o as { resourceType: string }).resourceType
      : undefined;
  const firstType = resourceTypeOf(firstObject);
  if (firstType !== undefined && (lines.length > 1 || /\.ndjson$/i.test(fileName))) {
    if (lines.length === 1 || lines[1]?.trimStart().startsWith('{')) return { format: 'fhir-ndjson', reason: `FHIR NDJSON (${firstType} resources)` };
  }
  if (firstType === 'Bundle' || /"resourceType"\s*:\s*"Bundle"/.test(text)) return { format: 'fhir-bundle', reason: 'a FHIR Bundle (JSON)' };
  const anyType = firstType ?? /"resourceType"\s*:\s*"([A-Za-z]+)"/.exec(text)?.[1];
  if (anyType !== undefined) return { format: 'fhir-resource', reason: `a FHIR ${anyType} resource (JSON)` };
  return { format: 'unknown', reason: messages.notAnExport('a JSON file that is not FHIR') };
}
