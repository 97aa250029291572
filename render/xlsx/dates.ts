/** Excel date serials, shared by the exceljs cells and the rows written directly (table-rows.ts). */
const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * `YYYY-MM-DD` → the Excel date serial (days since 1899-12-30). Pure calendar arithmetic in UTC, so
 * no time zone can shift a date by a day.
 */
export function excelDateSerial(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - EXCEL_EPOCH_MS) / DAY_MS;
}
