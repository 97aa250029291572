/**
 * The demo's contract workbook: writes the demo payers' fee schedules and contract terms into
 * DATA/contracts and the demo's claims and remittances as X12 into DATA/x12 (folders of their own,
 * so the KPI import of DATA does not read them twice), then builds out/contracts.xlsx from those
 * files as a user would. The demo's deliberate underpayments show on its Expected vs paid sheet.
 */
import { join } from 'node:path';
import type { DemoModel } from '../demo/generate';
import { writeDemoFeeSchedules } from '../demo/fees-writer';
import { writeDemoX12 } from '../demo/x12-writer';
import { loadInputs } from './build';
import { buildContractsFile } from './contracts-build';

/** Returns the lines to print. */
export async function buildDemoContractsWorkbook(model: DemoModel, dataDir: string, outDir: string, cwd: string): Promise<string[]> {
  const contractsDir = join(dataDir, 'contracts');
  const x12Dir = join(dataDir, 'x12');
  const fees = writeDemoFeeSchedules(model, contractsDir);
  const x12 = writeDemoX12(model, x12Dir);
  const loaded = await loadInputs([contractsDir, x12Dir], cwd);
  const summary = await buildContractsFile(loaded.dataset, join(outDir, 'contracts.xlsx'), { practiceName: model.practice.name });
  return [`Wrote ${fees.length} contract files in ${contractsDir} and ${x12.length} X12 files in ${x12Dir}`, summary];
}
