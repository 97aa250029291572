/**
 * The CMS Physician Fee Schedule files as CMS publishes them:
 * - PPRRVU (national RVU file): title and notice rows, then a header stacked over several rows
 *   ending with the `HCPCS,MOD,DESCRIPTION,…` row; one data row per code and modifier (26, TC, 53).
 *   Columns are found by their stacked header text, so a year that adds a column still reads.
 *   Descriptions are copyright AMA and are not imported (the product ships no code descriptions).
 * - GPCI (Addendum E): title rows, a header `Medicare Administrative Contractor (MAC),State,
 *   Locality Number,Locality Name,2025 PW GPCI …`, one row per locality, then footnotes.
 */
import { issue, type Issue } from '../../core/issues';
import { messages } from '../../core/messages';
import { localityId, type Gpci, type MedicareRvu } from '../../core/model';

type Rows = readonly (readonly string[])[];

export interface Read<T> {
  readonly records: T[];
  readonly issues: Issue[];
  /** Data rows seen (header and preamble excluded). */
  readonly rowsRead: number;
  readonly rowsRejected: number;
}

/** Empty, or only spaces and the DOS end-of-file mark (Ctrl-Z) CMS files end with. */
const blankRow = (r: readonly string[]) => r.every((c) => c.replace(/[\s\x1a]/g, '') === '');

const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toUpperCase();

/** The index of the PPRRVU header row (first cell `HCPCS`), or -1. */
export function rvuHeaderRow(rows: Rows): number {
  return rows.slice(0, 30).findIndex((r) => norm(r[0]) === 'HCPCS' && r.some((c) => norm(c) === 'MOD'));
}

/** The index of the GPCI header row (a `Locality Number` column), or -1. */
export function gpciHeaderRow(rows: Rows): number {
  return rows.slice(0, 30).findIndex((r) => r.some((c) => norm(c) === 'LOCALITY NUMBER') && r.some((c) => /GPCI/.test(norm(c))));
}

/** Year from a title row or the file name (PPRRVU25 → 2025, GPCI2025 → 2025). */
function yearOf(rows: Rows, headerRow: number, file: string): number | undefined {
  for (const r of rows.slice(0, headerRow + 1)) {
    for (const c of r) {
      const m = /\b(20\d{2})\b[^,]*(?:FEE SCHEDULE|GPCI)|CY (20\d{2})/.exec(norm(c));
      if (m) return Number(m[1] ?? m[2]);
    }
  }
  const f = /(?:RVU|GPCI)(\d{4}|\d{2})/i.exec(file);
  if (f?.[1] === undefined) return undefined;
  return f[1].length === 4 ? Number(f[1]) : 2000 + Number(f[1]);
}

const RVU_COLUMNS = {
  code: /^HCPCS$/,
  modifier: /^MOD$/,
  status: /STATUS CODE$/,
  work: /^WORK RVU$/,
  nonFacilityPe: /^NON-FAC PE RVU$/,
  nonFacilityNa: /^NON-FAC NA INDICATOR$/,
  facilityPe: /^FACILITY PE RVU$/,
  facilityNa: /^FACILITY NA INDICATOR$/,
  mp: /^MP RVU$/,
  pcTc: /^PCTC IND$/,
  globalDays: /^GLOB DAYS$/,
  multipleProcedure: /^MULT PROC$/,
  bilateral: /^BILAT SURG$/,
  conversionFactor: /^CONV FACTOR$/,
} as const;

type RvuColumn = keyof typeof RVU_COLUMNS;

/** Reads PPRRVU rows (a CSV or the XLSX CMS also publishes, already as rows of text). */
export function readRvuRows(rows: Rows, file: string, profile = 'cms-pprrvu'): Read<MedicareRvu> {
  const header = rvuHeaderRow(rows);
  const issues: Issue[] = [];
  if (header === -1) return { records: [], issues: [issue('header-not-found', 'error', messages.headerNotFound(profile), { file })], rowsRead: 0, rowsRejected: 0 };
  const width = Math.max(...rows.slice(0, header + 1).map((r) => r.length));
  // The header is stacked: join each column's cells from the first row after the release note down to HCPCS.
  let top = 0;
  rows.slice(0, header).forEach((r, i) => {
    if (r.some((c) => /RELEASED/i.test(c))) top = i + 1;
  });
  const stacked = Array.from({ length: width }, (_, j) => norm(rows.slice(top, header + 1).map((r) => r[j] ?? '').filter((c) => c.trim() !== '').join(' ')));
  const columns = {} as Record<RvuColumn, number>;
  const missing: string[] = [];
  for (const [name, pattern] of Object.entries(RVU_COLUMNS) as [RvuColumn, RegExp][]) {
    const j = stacked.findIndex((h) => pattern.test(h));
    if (j === -1) missing.push(name);
    columns[name] = j;
  }
  if (missing.length > 0) {
    return { records: [], issues: [issue('layout-unknown', 'error', messages.unknownLayout(rows.length - header - 1, missing), { file, line: header + 1 })], rowsRead: 0, rowsRejected: 0 };
  }
  const year = yearOf(rows, header, file);
  if (year === undefined) return { records: [], issues: [issue('year-unknown', 'error', messages.pfsYearUnknown(), { file })], rowsRead: 0, rowsRejected: 0 };
  if (header > 0) issues.push(issue('preamble-skipped', 'info', messages.preambleSkipped(header), { file }));

  const records: MedicareRvu[] = [];
  let rowsRead = 0;
  let rejected = 0;
  for (let i = header + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if (blankRow(r)) continue;
    rowsRead++;
    const line = i + 1;
    const cell = (c: RvuColumn) => (r[columns[c]] ?? '').trim();
    const code = cell('code').toUpperCase();
    const status = cell('status').toUpperCase();
    const numbers = { work: 0, nonFacilityPe: 0, facilityPe: 0, mp: 0, conversionFactor: 0 };
    let bad: string | undefined;
    for (const k of Object.keys(numbers) as (keyof typeof numbers)[]) {
      const text = cell(k);
      const n = text === '' ? 0 : Number(text);
      if (!/^-?\d*\.?\d+$/.test(text) && text !== '') bad = messages.fieldInvalid(k, messages.numberInvalid(text));
      numbers[k] = n;
    }
    if (code === '' || status === '') bad ??= messages.requiredMissing(code === '' ? 'code' : 'status', code === '' ? 'HCPCS' : 'STATUS CODE');
    if (bad === undefined && !(numbers.conversionFactor > 0)) bad = messages.fieldInvalid('CONV FACTOR', messages.numberInvalid(cell('conversionFactor')));
    if (bad !== undefined) {
      rejected++;
      issues.push(issue('row-invalid', 'warning', bad, { file, line }));
      continue;
    }
    const modifier = cell('modifier').toUpperCase();
    records.push({
      type: 'medicare-rvu',
      key: `${year}|${code}|${modifier}`,
      lineage: { source: file, line, profile },
      year,
      procedureCode: code,
      modifier,
      statusCode: status,
      workRvu: numbers.work,
      nonFacilityPeRvu: numbers.nonFacilityPe,
      facilityPeRvu: numbers.facilityPe,
      mpRvu: numbers.mp,
      nonFacilityNa: norm(cell('nonFacilityNa')) === 'NA',
      facilityNa: norm(cell('facilityNa')) === 'NA',
      pcTcIndicator: cell('pcTc'),
      globalDays: cell('globalDays') || undefined,
      multipleProcedureIndicator: cell('multipleProcedure'),
      bilateralIndicator: cell('bilateral'),
      conversionFactor: numbers.conversionFactor,
    });
  }
  return { records, issues, rowsRead, rowsRejected: rejected };
}

/** Reads the GPCI file (Addendum E). */
export function readGpciRows(rows: Rows, file: string, profile = 'cms-gpci'): Read<Gpci> {
  const header = gpciHeaderRow(rows);
  const issues: Issue[] = [];
  if (header === -1) return { records: [], issues: [issue('header-not-found', 'error', messages.headerNotFound(profile), { file })], rowsRead: 0, rowsRejected: 0 };
  const h = (rows[header] ?? []).map(norm);
  const col = (p: RegExp) => h.findIndex((c) => p.test(c));
  const columns = {
    mac: col(/ADMINISTRATIVE CONTRACTOR|^MAC$|^CARRIER/),
    state: col(/^STATE$/),
    locality: col(/^LOCALITY NUMBER$/),
    name: col(/^LOCALITY NAME$/),
    work: col(/PW GPCI|WORK GPCI/),
    pe: col(/PE GPCI/),
    mp: col(/MP GPCI/),
  };
  const missing = Object.entries(columns).filter(([, j]) => j === -1).map(([k]) => k);
  if (missing.length > 0) return { records: [], issues: [issue('layout-unknown', 'error', messages.unknownLayout(rows.length - header - 1, missing), { file, line: header + 1 })], rowsRead: 0, rowsRejected: 0 };
  const year = yearOf(rows, header, file);
  if (year === undefined) return { records: [], issues: [issue('year-unknown', 'error', messages.pfsYearUnknown(), { file })], rowsRead: 0, rowsRejected: 0 };
  if (header > 0) issues.push(issue('preamble-skipped', 'info', messages.preambleSkipped(header), { file }));

  const records: Gpci[] = [];
  let rowsRead = 0;
  let rejected = 0;
  for (let i = header + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if (blankRow(r)) continue;
    const cell = (j: number) => (r[j] ?? '').trim();
    // Notes and footnotes under the table have text where the MAC is and no GPCIs.
    if (!/^\d+$/.test(cell(columns.mac))) {
      if ([columns.work, columns.pe, columns.mp].every((j) => cell(j) === '')) continue;
      rowsRead++;
      rejected++;
      issues.push(issue('row-invalid', 'warning', messages.fieldInvalid('MAC', messages.integerInvalid(cell(columns.mac))), { file, line: i + 1 }));
      continue;
    }
    rowsRead++;
    const values = [cell(columns.work), cell(columns.pe), cell(columns.mp)];
    const badValue = values.find((v) => !/^\d*\.?\d+$/.test(v) || !(Number(v) > 0));
    if (badValue !== undefined || !/^\d+$/.test(cell(columns.locality))) {
      rejected++;
      issues.push(issue('row-invalid', 'warning', messages.fieldInvalid('GPCI', messages.numberInvalid(badValue ?? cell(columns.locality))), { file, line: i + 1 }));
      continue;
    }
    const mac = cell(columns.mac).padStart(5, '0');
    const localityNumber = cell(columns.locality).padStart(2, '0');
    const locality = localityId(mac, localityNumber);
    records.push({
      type: 'gpci',
      key: `${year}|${locality}`,
      lineage: { source: file, line: i + 1, profile },
      year,
      mac,
      localityNumber,
      locality,
      state: cell(columns.state),
      localityName: cell(columns.name).replace(/\*+$/, '').trim(),
      workGpci: Number(values[0]),
      peGpci: Number(values[1]),
      mpGpci: Number(values[2]),
    });
  }
  return { records, issues, rowsRead, rowsRejected: rejected };
}
