/** A1 addresses for plan builders: column letters, cell and range references. */

/** 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  if (!Number.isInteger(index) || index < 1) throw new RangeError(`column index must be ≥ 1: ${index}`);
  let n = index;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A → 1, AA → 27. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** (row 3, column 2) → B3. */
export function cellRef(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

export function parseCellRef(ref: string): { row: number; column: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
  if (!m) throw new RangeError(`not a cell reference: ${ref}`);
  return { column: columnIndex(m[1] ?? ''), row: Number(m[2]) };
}

/** `'Sheet name'!$B$3`: an absolute reference for named ranges and cross-sheet formulas. */
export function absoluteRef(sheet: string, ref: string): string {
  const { row, column } = parseCellRef(ref);
  return `${quoteSheet(sheet)}!$${columnLetter(column)}$${row}`;
}

export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
