/**
 * The one coercion and error helper of the custom functions (HyperFormula's "thin method + pure
 * core"): arguments as Excel passes them (numbers, ranges as 2-D arrays, empty cells as "" or null)
 * become plain values, and every failure becomes a `CustomFunctions.Error` with a useful message,
 * so a cell shows #VALUE! (or #N/A, #DIV/0!) and the message Excel shows on hover says why.
 * `CustomFunctions` is read when a function runs, never at import, so Node tests can install a fake.
 */
import type { Result } from '../core/result';

type SheetErrorKind = 'value' | 'notAvailable' | 'divisionByZero' | 'number';

/** A failure a custom function reports in its cell (not a programmer mistake). */
export class SheetProblem {
  constructor(
    readonly kind: SheetErrorKind,
    readonly message: string,
  ) {}
}

export const problem = (message: string, kind: SheetErrorKind = 'value') => new SheetProblem(kind, message);

function toCustomFunctionsError(p: SheetProblem): CustomFunctions.Error {
  const code = {
    value: CustomFunctions.ErrorCode.invalidValue,
    notAvailable: CustomFunctions.ErrorCode.notAvailable,
    divisionByZero: CustomFunctions.ErrorCode.divisionByZero,
    number: CustomFunctions.ErrorCode.invalidNumber,
  }[p.kind];
  return new CustomFunctions.Error(code, p.message);
}

/**
 * Runs a function body: a `SheetProblem` thrown inside (by the coercions below) or a failed core
 * `Result` becomes the `CustomFunctions.Error` Excel shows; anything else is a bug and surfaces as
 * #VALUE! with its message rather than crashing the shared runtime.
 */
export function sheetCall<T>(body: () => T | Result<T>): T {
  try {
    const value = body();
    if (typeof value === 'object' && value !== null && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean') {
      const result = value as Result<T>;
      if (result.ok) return result.value;
      throw toCustomFunctionsError(problem(result.error));
    }
    return value as T;
  } catch (e) {
    if (e instanceof SheetProblem) throw toCustomFunctionsError(e);
    if (e instanceof CustomFunctions.Error) throw e;
    throw toCustomFunctionsError(problem(e instanceof Error ? e.message : String(e)));
  }
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '';

/** A single number (a cell or a typed value); `what` names the argument in messages. */
export function numberArg(value: unknown, what: string): number {
  const v = Array.isArray(value) ? (value.length === 1 && Array.isArray(value[0]) && value[0].length === 1 ? value[0][0] : value) : value;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (Array.isArray(v)) throw problem(`${what} must be one cell, not a range`);
  if (isBlank(v)) throw problem(`${what} is empty`);
  throw problem(`${what} must be a number, not "${String(v)}"`);
}

/** An optional number: undefined or blank → `fallback`. */
export function optionalNumberArg(value: unknown, what: string, fallback: number | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return fallback;
  return numberArg(value, what);
}

/** Text from a cell or typed value (trimmed). */
export function textArg(value: unknown, what: string): string {
  const v = Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1 ? value[0][0] : value;
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw problem(`${what} is empty`);
}

/** The sum of a range (or a single value): blanks are skipped, text is an error naming the cell's text. */
export function sumArg(value: unknown, what: string): number {
  const cells = Array.isArray(value) ? (value as unknown[]).flat() : [value];
  let total = 0;
  let numbers = 0;
  for (const cell of cells) {
    if (isBlank(cell)) continue;
    if (typeof cell !== 'number' || !Number.isFinite(cell)) throw problem(`${what} contains "${String(cell)}", which is not a number`);
    total += cell;
    numbers += 1;
  }
  if (numbers === 0) throw problem(`${what} has no numbers`);
  return total;
}

/** The numbers of a range in reading order (blanks skipped). */
export function numbersArg(value: unknown, what: string): number[] {
  const cells = Array.isArray(value) ? (value as unknown[]).flat() : [value];
  return cells.filter((c) => !isBlank(c)).map((c, i) => numberArg(c, `${what} (value ${i + 1})`));
}

/** A 2-column (name, value) or 2-row range as name → value. */
export function namedValuesArg(value: unknown, what: string): Map<string, unknown> {
  if (!Array.isArray(value) || value.length === 0) throw problem(`${what} must be a range of names and values (two columns)`);
  let rows = value as unknown[][];
  if (rows.length === 2 && (rows[0]?.length ?? 0) > 2) rows = (rows[0] ?? []).map((_, c) => [rows[0]?.[c], rows[1]?.[c]]);
  const named = new Map<string, unknown>();
  for (const row of rows) {
    if (!Array.isArray(row) || row.length < 2) throw problem(`${what} must be a range of names and values (two columns)`);
    const [name, cell] = row;
    if (isBlank(name)) continue;
    named.set(String(name).trim().toLowerCase(), cell);
  }
  return named;
}

/** `sheetCall` for a function that reads the workbook first (a Promise Excel awaits). */
export async function sheetCallAsync<T>(body: () => Promise<T | Result<T>>): Promise<T> {
  let value: T | Result<T>;
  try {
    value = await body();
  } catch (e) {
    return sheetCall((): T => {
      throw e;
    });
  }
  return sheetCall(() => value);
}
