/**
 * Build and Refresh into the open workbook: before writing, what the user owns (targets, comments,
 * inputs) is read back from the workbook and put into the new plan (core/plan/refresh.ts), so a
 * rebuild keeps it. The plans themselves come from addin/plans.ts (in the task pane, through the
 * worker that keeps the imported records).
 */
import { applyUserValues, type OrphanedValue } from '../core/plan/refresh';
import type { WorkbookPlan } from '../core/plan/types';
import type { Result } from '../core/result';
import { readUserValuesFromWorkbook, renderToWorkbook, type RenderStats, type WorkbookPort } from '../render/office';
import type { AddinWorkbook, BuildOptions, Planner } from './plans';

export interface BuiltWorkbook {
  readonly plan: WorkbookPlan;
  readonly stats: RenderStats;
  readonly orphans: readonly OrphanedValue[];
  /** How many of the user's values were carried over. */
  readonly keptValues: number;
}

/**
 * The plan of `kind` built with what the user typed in the open workbook: budget and variance read
 * the drivers, thresholds and comments first and build with them (as the CLI does), the other
 * workbooks need no such pass (writeWorkbook puts the values back).
 */
export async function buildPlanKeeping(kind: AddinWorkbook, plan: Planner, port: WorkbookPort, options: BuildOptions = {}): Promise<Result<WorkbookPlan>> {
  const first = await plan(kind, options);
  if (!first.ok || (kind !== 'budget' && kind !== 'variance')) return first;
  const values = await readUserValuesFromWorkbook(port, first.value);
  return values.cells.size === 0 && values.rows.size === 0 ? first : plan(kind, { ...options, userValues: values });
}

/** Writes `plan` into the workbook behind `port`, keeping the user's values already there. */
export async function writeWorkbook(plan: WorkbookPlan, port: WorkbookPort, onProgress?: (done: number, total: number) => void): Promise<BuiltWorkbook> {
  const values = await readUserValuesFromWorkbook(port, plan);
  const refreshed = applyUserValues(plan, values);
  const stats = await renderToWorkbook(refreshed.plan, port, { onProgress });
  return { plan: refreshed.plan, stats, orphans: refreshed.orphans, keptValues: values.cells.size + values.rows.size };
}
