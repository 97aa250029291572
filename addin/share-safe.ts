/**
 * The share-safe copy of a built workbook (DESIGN.md section 5): only values and native formulas,
 * no custom-function calls, no patient-level data, and a note saying what was removed. Pure: the
 * task pane renders the result with render/xlsx and downloads it or opens it in Excel.
 */
import { functionsCalled } from '../core/plan/formula';
import { isFormulaCell, type Placed, type PlanSheet, type PlanTable, type WorkbookPlan } from '../core/plan/types';

/** Column names that hold patient-level identifiers (text columns only: "Unique patients" is a count). */
const PATIENT_LEVEL = /patient|mrn|member id|subscriber|guarantor|date of birth|\bdob\b/i;

export const shareSafeNoteSheet = 'Share-safe note';

const callsCustomFunction = (formula: string) => functionsCalled(formula).some((name) => name.startsWith('PRACTICE.'));

export interface ShareSafeCopy {
  readonly plan: WorkbookPlan;
  /** What was removed, one sentence per kind, for the note sheet and the task pane. */
  readonly removed: readonly string[];
}

/** The plan with custom-function calls replaced by their values and patient-level text removed. */
export function shareSafeCopy(plan: WorkbookPlan): ShareSafeCopy {
  let customCalls = 0;
  let comments = 0;
  const patientColumns: string[] = [];

  const sheets = plan.sheets.map((sheet): PlanSheet => {
    const cells = sheet.cells.map((cell): Placed => {
      if (isFormulaCell(cell) && callsCustomFunction(cell.formula)) {
        customCalls += 1;
        const { formula: _f, expected, ...rest } = cell;
        return { ...rest, value: expected };
      }
      return cell;
    });
    const tables = sheet.tables.map(({ at, table }) => {
      const blank = table.columns.map((column) => {
        if (column.formula !== undefined) return false;
        if (column.type === 'text' && PATIENT_LEVEL.test(column.name)) {
          patientColumns.push(`${table.name}[${column.name}]`);
          return true;
        }
        // What people type into comment columns is free text: it may name a patient.
        if (column.userOwned === true && column.type === 'text') return true;
        return false;
      });
      const columns = table.columns.map((column) => (column.formula !== undefined && callsCustomFunction(column.formula) ? (customCalls++, { ...column, formula: undefined }) : column));
      const rows = table.rows.map((row, r) =>
        row.map((value, c) => {
          const column = table.columns[c];
          if (blank[c] === true) {
            if (column?.userOwned === true && value !== null && value !== '') comments += 1;
            return null;
          }
          // A custom-function column keeps its values.
          if (column?.formula !== undefined && columns[c]?.formula === undefined) return (column.expected?.[r] ?? null) as typeof value;
          return value;
        }),
      );
      const copy: PlanTable = { ...table, columns, rows };
      return { at, table: copy };
    });
    return { ...sheet, cells, tables };
  });

  const removed = [
    customCalls > 0 ? `${customCalls} formula(s) calling PRACTICE.* functions were replaced by their values.` : 'No formula called a PRACTICE.* function.',
    patientColumns.length > 0 ? `Patient-level columns were emptied: ${patientColumns.join(', ')}.` : 'No patient-level identifiers were in the workbook (it holds counts and sums).',
    comments > 0 ? `${comments} comment(s) typed into comment columns were removed (free text may name a patient).` : 'No typed comments were in the workbook.',
    'Every other sheet, value and native Excel formula is as built; it recalculates without the add-in.',
  ];
  const note: PlanSheet = {
    name: shareSafeNoteSheet,
    tables: [],
    columnWidths: { A: 110 },
    cells: [
      { at: 'A1', value: 'Share-safe copy', style: 'title' },
      { at: 'A2', value: `Made from "${plan.title}" by the Practice Workbench add-in for sharing with owners.`, style: 'subtitle' },
      ...removed.map((text, i): Placed => ({ at: `A${4 + i}`, value: text })),
    ],
  };
  return { plan: { ...plan, title: `${plan.title} (share-safe)`, sheets: [...sheets, note], shareSafe: true }, removed };
}
