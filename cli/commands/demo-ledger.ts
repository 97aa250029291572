/**
 * The demo's budget and variance workbooks: writes the demo practice's GL exports into
 * DATA/gl (a folder of its own, so the KPI import of DATA does not read them), then builds
 * out/budget.xlsx from the prior year and out/variance.xlsx with the year to date, as a user would.
 */
import { join } from 'node:path';
import type { Dataset } from '../../core/dataset';
import type { DemoModel } from '../demo/generate';
import { demoStaffing, ledgerFileNames, writeDemoLedger } from '../demo/gl-writer';
import { nodeSourceFile } from './build';
import { buildBudgetFile, buildVarianceFile, importLedgerFiles } from './ledger-build';

/** Returns the lines to print. */
export async function buildDemoLedgerWorkbooks(model: DemoModel, dataDir: string, outDir: string, dataset: Dataset): Promise<string[]> {
  const glDir = join(dataDir, 'gl');
  const files = writeDemoLedger(model, glDir);
  const names = ledgerFileNames(model);
  const priorYear = await importLedgerFiles([nodeSourceFile(join(glDir, names.plPrior))]);
  const actuals = await importLedgerFiles([nodeSourceFile(join(glDir, names.glCurrent))]);
  const options = {
    dataset,
    priorYear,
    name: model.practice.name,
    staff: demoStaffing(model).map((s) => ({ role: { id: s.id, label: s.label }, fte: s.fte, hourlyRate: s.hourlyRate })),
    // The demo's one planned purchase: an exam-room ultrasound in service in April.
    capital: [{ name: 'Exam room ultrasound', costCents: 3_850_000, salvageCents: 385_000, lifeMonths: 60, inServiceMonth: `${names.year}-04`, paidMonth: `${names.year}-03` }],
  };
  const budget = await buildBudgetFile(options, join(outDir, 'budget.xlsx'));
  const variance = await buildVarianceFile(options, actuals, join(outDir, 'variance.xlsx'));
  return [`Wrote ${files.length} general-ledger exports in ${glDir}`, budget.message, variance.message];
}
