/**
 * The contract workbook build behind `practice build --workbook contracts`: prices every 835 line
 * against the imported fee schedules and contract terms, builds the plan and writes the .xlsx.
 * When the output file exists, the what-if percents the user typed into it are read first and kept.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Dataset } from '../../core/dataset';
import { formatCents } from '../../core/money';
import { analyzeContracts, buildContractWorkbook, type ContractWorkbookOptions } from '../../core/plan/contracts-workbook';
import type { CellValue, WorkbookPlan } from '../../core/plan/types';
import { readUserValues, renderXlsx } from '../../render/xlsx';

const PROPOSAL_KEY = /^whatif-percent:(.*)$/;
const RATE_CHANGE_KEY = /^whatif-rate-change:(.*)$/;

/** The keyed cells of an existing workbook (nothing when there is no readable file). */
async function previousCells(path: string, plan: WorkbookPlan): Promise<ReadonlyMap<string, CellValue>> {
  if (!existsSync(path)) return new Map();
  try {
    return (await readUserValues(readFileSync(path), plan)).cells;
  } catch {
    return new Map();
  }
}

/** Builds and writes the contract workbook; returns the summary lines to print. */
export async function buildContractsFile(dataset: Dataset, outPath: string, options: ContractWorkbookOptions): Promise<string> {
  const started = Date.now();
  const analysis = analyzeContracts(dataset, options);
  const base = { generatedBy: 'Practice Workbench (practice build --workbook contracts)', ...options };
  let plan = buildContractWorkbook(dataset, base, analysis);
  const proposals = new Map<string, number>();
  const rateChanges = new Map<string, number>();
  for (const [key, value] of await previousCells(outPath, plan)) {
    if (typeof value !== 'number') continue;
    // Cells hold fractions (1.15 shown as 115.0 %); the core takes percents, without float noise.
    const percent = Math.round(value * 100 * 1e6) / 1e6;
    const payer = PROPOSAL_KEY.exec(key)?.[1];
    if (payer !== undefined) proposals.set(payer, percent);
    const changed = RATE_CHANGE_KEY.exec(key)?.[1];
    if (changed !== undefined) rateChanges.set(changed, percent);
  }
  if (proposals.size + rateChanges.size > 0) plan = buildContractWorkbook(dataset, { ...base, proposals, rateChanges }, analysis);
  const bytes = await renderXlsx(plan);
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, bytes);
  const priced = analysis.checks.filter((c) => c.expectedCents !== null);
  const flagged = priced.filter((c) => c.flagged);
  const byFinding = new Map<string, number>();
  for (const c of flagged) byFinding.set(c.classification, (byFinding.get(c.classification) ?? 0) + Math.max(0, c.varianceCents ?? 0));
  const toRecover = [...byFinding.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${formatCents(v)}`).join(', ');
  return [
    `Contracts: ${analysis.book.terms.length} term(s), ${analysis.book.rates.length} fee-schedule row(s); Medicare ${analysis.medicareYear ?? 'none'}, locality ${analysis.locality ?? 'not set'}`,
    `Remittance lines priced ${priced.length}, flagged ${flagged.length}, not priced ${analysis.checks.length - priced.length}`,
    flagged.length > 0 ? `Below contract by finding: ${toRecover}` : '',
    proposals.size + rateChanges.size > 0 ? `Kept ${proposals.size + rateChanges.size} what-if value(s) from the existing workbook` : '',
    `Wrote ${outPath} (${Math.round(bytes.byteLength / 1024)} KB) in ${Date.now() - started} ms`,
  ]
    .filter((l) => l !== '')
    .join('\n');
}
