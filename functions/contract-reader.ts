/**
 * How PRACTICE.MEDICARE and PRACTICE.EXPECTED read the contract workbook: a narrow port (read some
 * tables, names and ranges in one request; tell me when their sheets change), implemented over
 * Office.js `Excel.run` below (reads only: custom functions never write) and by the fake Excel host
 * in the tests (test/fakes/excel.ts), as render/office does for writing.
 */

/** What to read, all in one request. */
export interface WorkbookReadRequest {
  readonly tables: readonly string[];
  /** Names of one-cell ranges. */
  readonly names: readonly string[];
  readonly ranges: readonly { readonly sheet: string; readonly address: string }[];
}

export interface WorkbookReadResult {
  /** Each table's values, header row first; undefined when the workbook has no such table. */
  readonly tables: readonly (readonly (readonly unknown[])[] | undefined)[];
  /** Each name's cell value; undefined when the name is not defined. */
  readonly names: readonly unknown[];
  /** Each range's values; undefined when the sheet does not exist. */
  readonly ranges: readonly ((readonly (readonly unknown[])[]) | undefined)[];
}

export interface WorkbookReader {
  read(request: WorkbookReadRequest): Promise<WorkbookReadResult>;
  /**
   * Calls `changed` after any edit on one of `sheets` and whenever sheets are added or deleted (a
   * rebuild replaces them). Resolves once listening.
   */
  watch(sheets: readonly string[], changed: () => void): Promise<void>;
}

/** The reader over Office.js (the shared runtime: the functions and the task pane share one page). */
export function excelWorkbookReader(): WorkbookReader {
  return {
    async read(request) {
      return Excel.run(async (context) => {
        const tables = request.tables.map((name) => context.workbook.tables.getItemOrNullObject(name));
        const names = request.names.map((name) => context.workbook.names.getItemOrNullObject(name));
        const sheets = request.ranges.map((r) => context.workbook.worksheets.getItemOrNullObject(r.sheet));
        await context.sync();
        const tableRanges = tables.map((t) => (t.isNullObject ? undefined : t.getRange().load('values')));
        const nameRanges = names.map((n) => (n.isNullObject ? undefined : n.getRangeOrNullObject().load('values')));
        const ranges = sheets.map((s, i) => (s.isNullObject ? undefined : s.getRange(request.ranges[i]?.address ?? 'A1').load('values')));
        await context.sync();
        return {
          tables: tableRanges.map((r) => r?.values),
          names: nameRanges.map((r) => (r === undefined || r.isNullObject ? undefined : r.values[0]?.[0])),
          ranges: ranges.map((r) => r?.values),
        };
      });
    },
    async watch(sheets, changed) {
      let ids = new Set<string>();
      const loadIds = () =>
        Excel.run(async (context) => {
          const all = context.workbook.worksheets.load('items/id,items/name');
          await context.sync();
          ids = new Set(all.items.filter((s) => sheets.includes(s.name)).map((s) => s.id));
        });
      await loadIds();
      const again = async () => {
        await loadIds();
        changed();
      };
      await Excel.run(async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.onChanged.add(async (event) => {
          if (ids.has(event.worksheetId)) changed();
        });
        worksheets.onAdded.add(again);
        worksheets.onDeleted.add(again);
        await context.sync();
      });
    },
  };
}
