/**
 * The demo practice's payer contracts as a practice keeps them: one fee-schedule CSV per payer (a
 * fixed allowed amount per code, exactly the rate the simulation pays when it pays correctly) and
 * one contract-terms CSV with each payer's payment rules. The deliberate underpayments are NOT in
 * these files: they are what the contracts engine must find in the 835s.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoModel } from './model';
import { contractAllowedCents, type PayerDef } from './practice';
import { csvLine, dollars } from './rows';

export interface WrittenFeeFile {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

/** Payers with a contract: every payer but self-pay. */
export function contractedPayers(model: DemoModel): PayerDef[] {
  return model.practice.payers.filter((p) => p.plan !== 'self_pay');
}

export const FEE_SCHEDULE_HEADER = ['Payer', 'Payer ID', 'Plan', 'CPT/HCPCS', 'Modifier', 'Rate', 'Effective From', 'Effective To'] as const;
export const CONTRACT_TERMS_HEADER = ['Payer', 'Payer ID', 'Plan', 'Percent of Medicare', 'Medicare Year', 'Locality', 'Setting', 'Effective From', 'Effective To', 'Multiple Procedure', 'Bilateral %', 'Lesser of billed'] as const;

const planLabel: Record<PayerDef['plan'], string> = {
  medicare: 'Part B',
  medicare_advantage: 'Medicare Advantage',
  medicaid: 'Fee for service',
  medicaid_managed: 'Managed Medicaid',
  commercial: 'PPO',
  self_pay: 'Self-pay',
};

/** One payer's fee schedule: every code of the charge master at the contract's allowed amount per unit. */
export function feeScheduleCsv(model: DemoModel, payer: PayerDef): string {
  const rows = model.practice.procedures.map((p) =>
    csvLine([payer.name, payer.payerId, planLabel[payer.plan], p.code, '', dollars(contractAllowedCents(payer, p.code, 1)), model.firstDay, '']),
  );
  return csvLine([...FEE_SCHEDULE_HEADER]) + rows.join('');
}

/** The payment rules of every contract (fixed-rate schedules: no percent of Medicare). */
export function contractTermsCsv(model: DemoModel): string {
  const rows = contractedPayers(model).map((p) => csvLine([p.name, p.payerId, planLabel[p.plan], '', '', '', '', model.firstDay, '', '100/50', '150', 'yes']));
  return csvLine([...CONTRACT_TERMS_HEADER]) + rows.join('');
}

/** Writes `fee-schedule-<payer id>.csv` for each contracted payer and `contract-terms.csv` into `dir`. */
export function writeDemoFeeSchedules(model: DemoModel, dir: string): WrittenFeeFile[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string, number][] = contractedPayers(model).map((p) => [`fee-schedule-${p.payerId}.csv`, feeScheduleCsv(model, p), model.practice.procedures.length]);
  files.push(['contract-terms.csv', contractTermsCsv(model), contractedPayers(model).length]);
  return files.map(([name, text, rows]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return { path, rows, bytes: Buffer.byteLength(text) };
  });
}
