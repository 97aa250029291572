/**
 * The narrow port render/office writes through: a batch of plain operations applied in ONE request
 * (one `context.sync()`), plus the few reads a refresh needs. Implemented over Office.js by
 * excel-adapter.ts (`Excel.run`) and by the fake Excel host of the tests (test/fakes/excel.ts), so
 * the renderer's batching and ordering are tested without Excel.
 */
import type { ConditionalRule, PlanChart, StyleName } from '../../core/plan/types';

/** A cell as Office.js takes it: a number, boolean, text ('' clears; a leading ' keeps text literal) or `=formula`. */
export type WrittenCell = string | number | boolean;

export type Operation =
  | { readonly kind: 'addSheet'; readonly sheet: string; readonly tabColor?: string | undefined; readonly hidden?: boolean | undefined }
  | { readonly kind: 'deleteSheet'; readonly sheet: string }
  /** One number format for every cell of the range (`@` = text: set before values so nothing is parsed). */
  | { readonly kind: 'numberFormat'; readonly sheet: string; readonly range: string; readonly format: string }
  | { readonly kind: 'values'; readonly sheet: string; readonly range: string; readonly values: readonly (readonly WrittenCell[])[] }
  | { readonly kind: 'formulas'; readonly sheet: string; readonly range: string; readonly formulas: readonly (readonly WrittenCell[])[] }
  | {
      readonly kind: 'table';
      readonly sheet: string;
      /** Header row and data rows (without the totals row). */
      readonly range: string;
      readonly name: string;
      readonly style: string;
      readonly showTotals: boolean;
    }
  | { readonly kind: 'style'; readonly sheet: string; readonly range: string; readonly style: StyleName }
  | { readonly kind: 'columnWidth'; readonly sheet: string; readonly column: string; readonly characters: number }
  | { readonly kind: 'merge'; readonly sheet: string; readonly range: string }
  | { readonly kind: 'freeze'; readonly sheet: string; readonly rows: number; readonly columns: number }
  | { readonly kind: 'conditionalFormat'; readonly sheet: string; readonly range: string; readonly rule: ConditionalRule }
  | { readonly kind: 'chart'; readonly sheet: string; readonly chart: PlanChart }
  | { readonly kind: 'name'; readonly name: string; readonly reference: string; readonly comment?: string | undefined }
  /** A hover note on one cell (definitions, provenance); skipped where Excel has no notes API (before ExcelApi 1.18). */
  | { readonly kind: 'note'; readonly sheet: string; readonly cell: string; readonly text: string }
  | { readonly kind: 'pageLayout'; readonly sheet: string; readonly landscape: boolean; readonly printTitleRows?: string | undefined }
  /** A name the plan defines again (a rebuild): removed first, since Excel refuses a duplicate. */
  | { readonly kind: 'deleteName'; readonly name: string };

export interface SheetContents {
  /** Address of the used range's top-left cell, e.g. `A1`. */
  readonly topLeft: string;
  /** Values as Excel reports them (numbers, text, booleans; '' for empty). */
  readonly values: readonly (readonly unknown[])[];
  readonly numberFormats: readonly (readonly string[])[];
}

export interface WorkbookPort {
  /**
   * Applies `operations` in order in one request. With `suspendCalculation`, Excel does not
   * recalculate until the request is done (values and formulas of big writes).
   */
  apply(operations: readonly Operation[], options: { readonly suspendCalculation: boolean }): Promise<void>;
  sheetNames(): Promise<string[]>;
  /** The used range of a sheet, or undefined when the sheet does not exist or is empty. */
  readSheet(sheet: string): Promise<SheetContents | undefined>;
  /** Workbook-level names and what they refer to (`=Sheet!$B$3`). */
  names(): Promise<{ readonly name: string; readonly reference: string }[]>;
}
