/**
 * The acceptance harness: a real spreadsheet engine (headless LibreOffice Calc) opens a rendered
 * workbook, recalculates EVERY formula (the temporary profile sets "recalculate OOXML on load:
 * always", so cached values written by our renderer are thrown away), saves it, and we read back the
 * engine's values with exceljs. `compareWithPlan` then holds every formula cell, every calculated
 * table column and every totals cell to the plan's `expected`.
 *
 * One LibreOffice instance per profile directory: each call gets its own temporary profile, so
 * parallel calls are safe. Startup costs seconds, so `recalculateMany` converts several workbooks in
 * one soffice run.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { cellRef, parseCellRef } from '../../core/plan/address';
import { isFormulaCell, numberFormats, type PlanTable, type TableColumn, type WorkbookPlan } from '../../core/plan/types';

/** A value as the engine computed it; formula errors are `{ error: '#DIV/0!' }`. Dates are Excel serials. */
export type RecalculatedValue = number | string | boolean | null | { readonly error: string };

export interface RecalculatedWorkbook {
  /** Sheet names in workbook order. */
  readonly sheetNames: readonly string[];
  /** The engine's value of one cell (A1 reference on the named sheet); null for an empty cell. */
  value(sheet: string, ref: string): RecalculatedValue;
  /** The workbook LibreOffice saved, read by exceljs, for checks beyond values (styles, every cell). */
  readonly workbook: ExcelJS.Workbook;
  /** Path of the file LibreOffice saved (inside a temp folder removed at process exit). */
  readonly path: string;
}

export interface Mismatch {
  readonly sheet: string;
  readonly ref: string;
  readonly formula: string;
  readonly expected: number | string | boolean | null;
  readonly actual: RecalculatedValue;
  /** Where the cell comes from when it is not a plain placed cell: `Table[Column] row 3`. */
  readonly origin?: string | undefined;
}

/** Upper bound for one soffice run; a hung LibreOffice fails the test with this in the message. */
export const SOFFICE_TIMEOUT_MS = 120_000;

const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** "Recalculation on file load" for OOXML and ODF: 0 = always (1 = never, 2 = prompt). */
const RECALC_ALWAYS_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

const workRoot = mkdtempSync(join(tmpdir(), 'pw-libreoffice-'));
process.on('exit', () => rmSync(workRoot, { recursive: true, force: true }));

let profileTemplate: string | undefined;
let runCounter = 0;

/** A fresh profile dir seeded with the recalc-always setting (a copy of a warmed-up template when there is one). */
function freshProfile(): string {
  const dir = join(workRoot, `profile-${process.pid}-${runCounter++}`);
  if (profileTemplate !== undefined && existsSync(profileTemplate)) {
    cpSync(profileTemplate, dir, { recursive: true });
  } else {
    mkdirSync(join(dir, 'user'), { recursive: true });
  }
  writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS_XCU);
  return dir;
}

/**
 * Runs `soffice --headless --convert-to <format>` on the given files into `outDir`, with a private
 * profile that recalculates on load. Throws with soffice's output on failure or after the timeout.
 */
export async function convertWithLibreOffice(inputs: readonly string[], format: string, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const profile = freshProfile();
  const args = [
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    '--headless',
    '--norestore',
    '--nologo',
    '--nodefault',
    '--nolockcheck',
    '--convert-to',
    format,
    '--outdir',
    outDir,
    ...inputs,
  ];
  const output = await new Promise<string>((resolveRun, rejectRun) => {
    let text = '';
    let child;
    try {
      child = spawn('soffice', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      rejectRun(new Error(`cannot start soffice (is LibreOffice installed?): ${String(error)}`));
      return;
    }
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      rejectRun(new Error(`LibreOffice did not finish within ${SOFFICE_TIMEOUT_MS / 1000} s converting ${inputs.join(', ')}\n${text}`));
    }, SOFFICE_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      rejectRun(new Error(`cannot start soffice (is LibreOffice installed?): ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolveRun(text);
      else rejectRun(new Error(`soffice exited with ${code}:\n${text}`));
    });
  });
  // Keep the warmed-up profile (first start writes several MB of config) for the next run.
  if (profileTemplate === undefined && existsSync(join(profile, 'user'))) {
    const template = join(workRoot, 'profile-template');
    cpSync(profile, template, { recursive: true });
    profileTemplate = template;
  }
  rmSync(profile, { recursive: true, force: true });
  const ext = format.split(':')[0] ?? format;
  const missing = inputs.filter((input) => !existsSync(join(outDir, `${basename(input, extname(input))}.${ext}`)));
  if (missing.length > 0) throw new Error(`LibreOffice did not convert ${missing.join(', ')}:\n${output}`);
}

function serialOf(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / DAY_MS;
}

/** exceljs cell value → the plain value the engine computed. */
function plainValue(value: ExcelJS.CellValue): RecalculatedValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return serialOf(value);
  if (typeof value !== 'object') return value;
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined ? null : plainValue(result);
  }
  if ('text' in value) return String((value as { text: unknown }).text);
  return null;
}

async function readRecalculated(path: string): Promise<RecalculatedWorkbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  const sheetNames = workbook.worksheets.map((ws) => ws.name);
  return {
    sheetNames,
    workbook,
    path,
    value(sheet: string, ref: string): RecalculatedValue {
      const ws = workbook.getWorksheet(sheet);
      if (ws === undefined) throw new Error(`no sheet "${sheet}" in the recalculated workbook (has: ${sheetNames.join(', ')})`);
      const cell = ws.getCell(ref);
      // Read a formula's result through `cell.result`: exceljs's `cell.value` drops falsy results (0, false, '').
      return cell.type === ExcelJS.ValueType.Formula ? plainValue((cell.result ?? null) as ExcelJS.CellValue) : plainValue(cell.value);
    },
  };
}

type Input = Uint8Array | ArrayBuffer | string;

/** Recalculates several workbooks in one LibreOffice run (bytes or .xlsx paths), in input order. */
export async function recalculateMany(inputs: readonly Input[]): Promise<RecalculatedWorkbook[]> {
  const run = join(workRoot, `run-${process.pid}-${runCounter++}`);
  const inDir = join(run, 'in');
  const outDir = join(run, 'out');
  mkdirSync(inDir, { recursive: true });
  const paths = inputs.map((input, i) => {
    const path = join(inDir, `workbook-${i}.xlsx`);
    if (typeof input === 'string') cpSync(resolve(input), path);
    else writeFileSync(path, input instanceof Uint8Array ? input : new Uint8Array(input));
    return path;
  });
  await convertWithLibreOffice(paths, 'xlsx:Calc MS Excel 2007 XML', outDir);
  return Promise.all(paths.map((path) => readRecalculated(join(outDir, basename(path)))));
}

/** Recalculates one workbook with headless LibreOffice and reads back every value. */
export async function recalculate(input: Input): Promise<RecalculatedWorkbook> {
  const [only] = await recalculateMany([input]);
  if (only === undefined) throw new Error('LibreOffice returned no workbook');
  return only;
}

const moneyFormats = new Set<string>([numberFormats.money, numberFormats.moneyWhole, numberFormats.accounting]);

function isMoneyFormat(format: string | undefined): boolean {
  if (format === undefined) return false;
  if (format === 'money' || format === 'moneyWhole' || format === 'accounting') return true;
  return moneyFormats.has(format) || format.includes('"$"') || format.includes('[$$');
}

/**
 * The comparison rule of the acceptance criteria: money to the cent, integers (counts) exactly,
 * other numbers (ratios, days) to 1e-9 relative; strings and booleans exactly; an empty cell equals
 * null and ''.
 */
export function sameValue(expected: number | string | boolean | null, actual: RecalculatedValue, money: boolean): boolean {
  if (expected === null || expected === '') return actual === null || actual === '';
  if (typeof actual === 'object' && actual !== null) return typeof expected === 'string' && expected === actual.error;
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return false;
    if (money) return Math.round(expected * 100) === Math.round(actual * 100);
    if (Number.isInteger(expected)) return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) && Math.round(actual) === expected;
    return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(expected), 1e-12) || Math.abs(actual - expected) < 1e-15;
  }
  return expected === actual;
}

function columnIsMoney(column: TableColumn): boolean {
  return column.type === 'money' || isMoneyFormat(column.format);
}

function tableMismatches(sheet: string, at: string, table: PlanTable, recalculated: RecalculatedWorkbook): Mismatch[] {
  const out: Mismatch[] = [];
  const origin = parseCellRef(at);
  table.columns.forEach((column, c) => {
    const col = origin.column + c;
    if (column.formula !== undefined) {
      const expected = column.expected ?? [];
      if (expected.length !== table.rows.length) {
        throw new Error(`${table.name}[${column.name}] has ${expected.length} expected values for ${table.rows.length} rows`);
      }
      expected.forEach((value, r) => {
        const ref = cellRef(origin.row + 1 + r, col);
        const actual = recalculated.value(sheet, ref);
        if (!sameValue(value, actual, columnIsMoney(column))) {
          out.push({ sheet, ref, formula: column.formula ?? '', expected: value, actual, origin: `${table.name}[${column.name}] row ${r + 1}` });
        }
      });
    }
    if (table.showTotals === true && column.total !== undefined) {
      const ref = cellRef(origin.row + 1 + Math.max(table.rows.length, 1), col);
      const actual = recalculated.value(sheet, ref);
      if (!sameValue(column.total.expected, actual, columnIsMoney(column))) {
        out.push({ sheet, ref, formula: `SUBTOTAL(${column.total.function})`, expected: column.total.expected, actual, origin: `${table.name}[${column.name}] total` });
      }
    }
  });
  return out;
}

/**
 * Every formula cell, calculated table column value and totals cell of the plan whose recalculated
 * value differs from the plan's `expected`. An empty list is the acceptance criterion.
 */
export function compareWithPlan(plan: WorkbookPlan, recalculated: RecalculatedWorkbook): Mismatch[] {
  const out: Mismatch[] = [];
  for (const sheet of plan.sheets) {
    for (const cell of sheet.cells) {
      if (!isFormulaCell(cell)) continue;
      const actual = recalculated.value(sheet.name, cell.at);
      if (!sameValue(cell.expected, actual, isMoneyFormat(cell.format))) {
        out.push({ sheet: sheet.name, ref: cell.at, formula: cell.formula, expected: cell.expected, actual });
      }
    }
    for (const placed of sheet.tables) out.push(...tableMismatches(sheet.name, placed.at, placed.table, recalculated));
  }
  return out;
}

/** One line per mismatch, for assertion messages. */
export function describeMismatches(mismatches: readonly Mismatch[], limit = 30): string {
  const lines = mismatches
    .slice(0, limit)
    .map((m) => `${m.sheet}!${m.ref}${m.origin === undefined ? '' : ` (${m.origin})`}: =${m.formula} expected ${JSON.stringify(m.expected)}, LibreOffice ${JSON.stringify(m.actual)}`);
  if (mismatches.length > limit) lines.push(`… and ${mismatches.length - limit} more`);
  return lines.join('\n');
}
