/**
 * Build and Refresh: imported files → dataset → the chosen workbook's plan → the open workbook,
 * the same path as `practice build` (cli/commands/build.ts): assembleDataset, the plan builder,
 * then a renderer. Before writing, what the user owns (targets, comments, inputs) is read back
 * from the workbook and put into the new plan (core/plan/refresh.ts), so a rebuild keeps it.
 */
import { aggregate } from '../core/aggregate';
import { assembleDataset } from '../core/dataset';
import { buildContractWorkbook } from '../core/plan/contracts-workbook';
import { buildKpiWorkbook } from '../core/plan/kpi-workbook';
import { applyUserValues, type OrphanedValue } from '../core/plan/refresh';
import type { WorkbookPlan } from '../core/plan/types';
import { err, ok, type Result } from '../core/result';
import type { ImportResult } from '../core/source';
import { readUserValuesFromWorkbook, renderToWorkbook, type RenderStats, type WorkbookPort } from '../render/office';

export type AddinWorkbook = 'kpi' | 'contracts';

/** The workbooks the task pane offers (budget and variance need general-ledger files: the CLI builds them). */
export const workbookChoices: readonly { readonly id: AddinWorkbook; readonly label: string }[] = [
  { id: 'kpi', label: 'KPI workbook (revenue cycle, volume, access)' },
  { id: 'contracts', label: 'Contracts (fee schedules, CMS fee files and 835 remittances)' },
];

export interface BuildOptions {
  readonly practiceName?: string | undefined;
}

/** The plan of `kind` from imported files; a workbook that cannot be built from them is an error message. */
export function buildPlan(kind: AddinWorkbook, results: readonly ImportResult[], options: BuildOptions = {}): Result<WorkbookPlan> {
  if (results.every((r) => r.recordsImported === 0)) return err('No records were imported yet: import export files first.');
  const dataset = assembleDataset(results);
  const generatedBy = 'Practice Workbench add-in';
  try {
    if (kind === 'contracts') return ok(buildContractWorkbook(dataset, { practiceName: options.practiceName, generatedBy }));
    return ok(buildKpiWorkbook(dataset, { practiceName: options.practiceName, generatedBy }, aggregate(dataset, {})));
  } catch (e) {
    // A builder that cannot work with this data says why (e.g. no contract terms imported).
    return err(e instanceof Error ? e.message : String(e));
  }
}

export interface BuiltWorkbook {
  readonly plan: WorkbookPlan;
  readonly stats: RenderStats;
  readonly orphans: readonly OrphanedValue[];
  /** How many of the user's values were carried over. */
  readonly keptValues: number;
}

/** Writes `plan` into the workbook behind `port`, keeping the user's values already there. */
export async function writeWorkbook(plan: WorkbookPlan, port: WorkbookPort, onProgress?: (done: number, total: number) => void): Promise<BuiltWorkbook> {
  const values = await readUserValuesFromWorkbook(port, plan);
  const refreshed = applyUserValues(plan, values);
  const stats = await renderToWorkbook(refreshed.plan, port, { onProgress });
  return { plan: refreshed.plan, stats, orphans: refreshed.orphans, keptValues: values.cells.size + values.rows.size };
}
