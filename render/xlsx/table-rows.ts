/**
 * Table data rows written as worksheet XML directly, not through exceljs's cell model.
 *
 * Why: exceljs keeps an object per cell and builds each sheet's XML out of millions of small
 * strings joined into one; for the KPI workbook of a 1M-charge-line practice (≈ 5 million cells in
 * its Data tables) rendering took 50–90 s and 4 GB of memory, much of it garbage collection. A table
 * row is a flat list of values whose XML is simple, so it is written here, in UTF-8 pieces (bench:
 * `node --expose-gc --import tsx bench/stage.ts render DIR`).
 *
 * How the two fit together: exceljs renders the table with its first data row only, while the table's
 * range still covers every row (the rows array has the full length, the rest are holes exceljs
 * skips). So the styles, shared strings, table part, notes and the rest of the sheet stay exceljs's.
 * This module then writes the remaining rows, taking each column's style id from the first row
 * exceljs wrote (every row of a table column shares one style), and splices them into the sheet.
 *
 * The cells are what exceljs writes for the same values: text as an inline string (a string cell,
 * never a formula), numbers as numbers, dates as serials, booleans as `t="b"`, calculated columns
 * as a formula with the plan's expected value cached.
 */
import JSZip from 'jszip';
import { cellRef, columnIndex, columnLetter, parseCellRef } from '../../core/plan/address';
import { literalText } from '../../core/plan/sanitize';
import type { CellValue, PlanTable } from '../../core/plan/types';
import { excelDateSerial } from './dates';

/** The rows of one table that exceljs did not write: its data rows after the first. */
export interface DeferredRows {
  /** exceljs's worksheet id: the sheet is `xl/worksheets/sheet<id>.xml`. */
  readonly worksheetId: number;
  /** 1-based row and column of the first data row (the one exceljs wrote). */
  readonly firstRow: number;
  readonly firstColumn: number;
  readonly table: PlanTable;
  /** Per column, the calculated column's formula in file form (undefined: a value column). */
  readonly formulas: readonly (string | undefined)[];
}

/** Characters XML 1.0 cannot hold (exceljs drops them too) and the three markup characters. */
const XML_SPECIAL = /[<>&\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;

function escapeXml(text: string): string {
  return text.replace(XML_SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : ''));
}

/** `<t>` content with `xml:space="preserve"` where a reader would otherwise trim (exceljs's rule). */
function textElement(text: string): string {
  const preserve = /^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<t${preserve}>${escapeXml(text)}</t>`;
}

function valueCell(ref: string, style: string, value: CellValue): string {
  if (value === null) return style === '' ? '' : `<c r="${ref}"${style}/>`;
  if (typeof value === 'string') return `<c r="${ref}"${style} t="inlineStr"><is>${textElement(literalText(value).text)}</is></c>`;
  if (typeof value === 'number') return `<c r="${ref}"${style}><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${style}><v>${excelDateSerial(value.date)}</v></c>`;
}

function formulaCell(ref: string, style: string, formula: string, expected: number | string | boolean | null): string {
  const f = `<f>${escapeXml(formula)}</f>`;
  if (expected === null) return `<c r="${ref}"${style}>${f}</c>`;
  if (typeof expected === 'string') return `<c r="${ref}"${style} t="str">${f}<v>${escapeXml(expected)}</v></c>`;
  if (typeof expected === 'boolean') return `<c r="${ref}"${style} t="b">${f}<v>${expected ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${style}>${f}<v>${expected}</v></c>`;
}

/** The `<row>` element exceljs wrote for a row number, as [start, end) offsets, or undefined. */
function rowSpan(xml: string, row: number): { start: number; end: number } | undefined {
  const start = xml.indexOf(`<row r="${row}"`);
  if (start < 0) return undefined;
  const selfClosed = xml.indexOf('/>', start);
  const open = xml.indexOf('>', start);
  if (selfClosed >= 0 && selfClosed + 1 === open) return { start, end: open + 1 };
  const end = xml.indexOf('</row>', start);
  return { start, end: end + '</row>'.length };
}

/** Column letters → ` s="id"` of the cells in one row element. */
function stylesOf(rowXml: string): Map<string, string> {
  const styles = new Map<string, string>();
  for (const m of rowXml.matchAll(/<c r="([A-Z]+)\d+"(?: s="(\d+)")?/g)) if (m[1] !== undefined && m[2] !== undefined) styles.set(m[1], ` s="${m[2]}"`);
  return styles;
}

/** Where rows after `row` go: after that row's element, else before the next row's, else at the end of sheetData. */
function insertionPoint(xml: string, row: number): number {
  const own = rowSpan(xml, row);
  if (own !== undefined) return own.end;
  for (const m of xml.matchAll(/<row r="(\d+)"/g)) if (Number(m[1]) > row) return m.index;
  return xml.indexOf('</sheetData>');
}

/** The XML of the deferred rows in pieces of a few thousand rows, each column styled as exceljs styled the first row. */
function* rowsXml(deferred: DeferredRows, styles: ReadonlyMap<string, string>): Generator<string> {
  const { table, formulas, firstRow, firstColumn } = deferred;
  const letters = table.columns.map((_, c) => columnLetter(firstColumn + c));
  const columnStyles = letters.map((letter) => styles.get(letter) ?? '');
  let chunk = '';
  for (let r = 1; r < table.rows.length; r += 1) {
    const row = table.rows[r] ?? [];
    const rowNumber = firstRow + r;
    let xml = `<row r="${rowNumber}">`;
    for (let c = 0; c < letters.length; c += 1) {
      const ref = `${letters[c]}${rowNumber}`;
      const formula = formulas[c];
      const style = columnStyles[c] ?? '';
      xml += formula === undefined ? valueCell(ref, style, row[c] ?? null) : formulaCell(ref, style, formula, table.columns[c]?.expected?.[r] ?? null);
    }
    chunk += `${xml}</row>`;
    if (r % 2_000 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/** The sheet's `<dimension>` widened to the table's last row and column. */
function widenDimension(xml: string, deferred: DeferredRows): string {
  const lastRow = deferred.firstRow + deferred.table.rows.length - 1;
  const lastColumn = deferred.firstColumn + deferred.table.columns.length - 1;
  return xml.replace(/<dimension ref="([A-Z]+\d+)(?::([A-Z]+)(\d+))?"\/>/, (_, start: string, endColumn: string | undefined, endRow: string | undefined) => {
    const from = parseCellRef(start);
    const row = Math.max(endRow === undefined ? from.row : Number(endRow), lastRow);
    const column = Math.max(endColumn === undefined ? from.column : columnIndex(endColumn), lastColumn);
    return `<dimension ref="${start}:${cellRef(row, column)}"/>`;
  });
}

/**
 * One sheet's XML with the deferred rows of its tables spliced in, as UTF-8. The rows are encoded
 * piece by piece and never joined into one string: a Data sheet is 100 MB of XML.
 */
function spliceRows(exceljsXml: string, deferred: readonly DeferredRows[]): Uint8Array {
  const tables = [...deferred].sort((a, b) => a.firstRow - b.firstRow);
  const xml = tables.reduce(widenDimension, exceljsXml);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let from = 0;
  // Top to bottom: each table's rows go after its first data row, before whatever exceljs wrote below.
  for (const table of tables) {
    const own = rowSpan(xml, table.firstRow);
    const styles = own === undefined ? new Map<string, string>() : stylesOf(xml.slice(own.start, own.end));
    const at = insertionPoint(xml, table.firstRow);
    parts.push(encoder.encode(xml.slice(from, at)));
    for (const piece of rowsXml(table, styles)) parts.push(encoder.encode(piece));
    from = at;
  }
  parts.push(encoder.encode(xml.slice(from)));
  const bytes = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/**
 * exceljs's package with the deferred rows written into their sheets, deflated. exceljs wrote the
 * package uncompressed (`STORE`) so it is compressed once, here.
 */
export async function withDeferredRows(stored: Uint8Array, deferred: readonly DeferredRows[], level: number): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(stored);
  const bySheet = new Map<number, DeferredRows[]>();
  for (const d of deferred) bySheet.set(d.worksheetId, [...(bySheet.get(d.worksheetId) ?? []), d]);
  for (const [id, list] of bySheet) {
    const path = `xl/worksheets/sheet${id}.xml`;
    const file = zip.file(path);
    if (file === null) throw new Error(`exceljs wrote no ${path}`);
    zip.file(path, spliceRows(await file.async('string'), list));
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level } });
}
