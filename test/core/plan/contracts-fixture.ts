/**
 * A small hand-built contract dataset: the real 2025 CMS RVU and GPCI files, one payer paid at
 * 120 % of Medicare in Bakersfield (01112-54) with a fixed-rate carve-out, one payer with a fee
 * schedule renewed mid-year, and 835 lines of both: paid right, underpaid, denied, recoded, and a
 * multiple-procedure claim whose lines arrive cheapest first.
 */
import { readFileSync } from 'node:fs';
import { importFeeFile } from '../../../connectors/fees/index';
import { sourceFromBytes } from '../../../connectors/source';
import { assembleDataset, type Dataset } from '../../../core/dataset';
import type { Adjustment, ContractTerm, FeeScheduleRate, RemitLine } from '../../../core/model';
import type { ImportResult } from '../../../core/source';
import { fixture } from '../../support/paths';

const lineage = { source: 'fixture', profile: 'test' };

export const NORTHWIND = 'Northwind Mutual Health';
export const BRIGHTWAY = 'Brightway Health PPO';
export const LOCALITY = '01112-54';

const term: ContractTerm = {
  type: 'contract-term', key: 'nw', lineage, payer: NORTHWIND, payerId: '00905', percentOfMedicare: 120, medicareYear: 2025, locality: LOCALITY,
  multipleProcedurePercents: [100, 50], bilateralPercent: 150, lesserOfBilled: true, effectiveFrom: '2025-01-01',
};
const rate = (payer: string, code: string, cents: number | undefined, from: string, to?: string, payerId = payer === BRIGHTWAY ? '00904' : '00905'): FeeScheduleRate => ({
  type: 'fee-rate', key: `${payer}${code}${from}`, lineage, payer, payerId, procedureCode: code, modifier: '', rateCents: cents, excluded: cents === undefined,
  effectiveFrom: from, effectiveTo: to,
});
const rates: FeeScheduleRate[] = [
  rate(NORTHWIND, '36415', 350, '2025-01-01'), // carve-out
  rate(BRIGHTWAY, '99213', 11500, '2025-01-01', '2025-06-30'),
  rate(BRIGHTWAY, '99213', 12000, '2025-07-01'),
  rate(BRIGHTWAY, '99214', 16500, '2025-01-01'),
  rate(BRIGHTWAY, '36415', 300, '2025-01-01'),
  rate(BRIGHTWAY, '17110', 14000, '2025-01-01'),
  rate(BRIGHTWAY, '11102', 13000, '2025-01-01'),
  // 61530 in Rest of Pennsylvania (12502-99) is the one 2025 fee that lands exactly on half a cent: $2,911.185.
  rate(BRIGHTWAY, '61530', 300000, '2025-01-01'),
];

let n = 0;
function remit(payer: 'nw' | 'bw', claim: string, code: string, date: string, allowed: number, extra: Partial<RemitLine> & { adjustments?: Adjustment[] } = {}): RemitLine {
  n++;
  const charge = 40000;
  const paid = extra.paidCents ?? allowed;
  return {
    type: 'remit-line', key: `L${n}`, lineage: { source: 'fixture.835', profile: 'x12-835' }, payerId: payer === 'nw' ? '00905' : '00904',
    payerName: payer === 'nw' ? 'NORTHWIND MUTUAL' : 'BRIGHTWAY HEALTH', payerClass: 'commercial', paymentId: 'EFT', claimId: claim, claimStatus: '1',
    // Line control numbers as many PM systems send them (REF*6R): the claim number and the line.
    lineNumber: `${claim}-${n}`, procedureCode: code, modifiers: [], chargeCents: charge, paidCents: paid, units: 1, serviceDate: date,
    adjustments: extra.adjustments ?? [{ group: 'CO', reason: '45', amountCents: charge - allowed }], remarkCodes: [], ...extra,
  };
}

/** Northwind 99213 at 120 % of Bakersfield's $92.64 = $111.17; 99214: see the tests. */
export const REMITS: RemitLine[] = [
  remit('nw', 'N1', '99213', '2025-02-03', 11117),
  remit('nw', 'N2', '99213', '2025-03-03', 10500), // underpaid
  remit('nw', 'N3', '36415', '2025-03-03', 350),
  remit('nw', 'N4', '99214', '2025-04-07', 0, { paidCents: 0, adjustments: [{ group: 'CO', reason: '50', amountCents: 40000 }] }), // denied
  remit('bw', 'B1', '99213', '2025-05-05', 11500),
  remit('bw', 'B2', '99213', '2025-08-04', 11500), // renewal not applied: underpaid by $5
  remit('bw', 'B3', '99213', '2025-09-01', 12000, { submittedProcedureCode: '99214' }), // recoded
  remit('bw', 'B4', '11102', '2025-10-06', 13000, { claimId: 'B4' }), // MPPR on the wrong line
  remit('bw', 'B4', '17110', '2025-10-06', 7000, { claimId: 'B4' }),
  remit('bw', 'B5', '36415', '2025-11-03', 300, { paidCents: 0, adjustments: [{ group: 'PR', reason: '45', amountCents: 300 }, { group: 'CO', reason: '45', amountCents: 39700 }] }),
];

export async function contractDataset(): Promise<Dataset> {
  const cms = await Promise.all(
    ['PPRRVU25_JAN1.csv', 'GPCI2025.csv'].map((name) => importFeeFile(sourceFromBytes(name, readFileSync(fixture('cms_pfs', name))))),
  );
  const contracts: ImportResult = {
    file: 'contracts.csv', format: 'csv', profile: 'fee-schedule', rowsRead: rates.length + 1, recordsImported: rates.length + 1, rowsRejected: 0, records: [term, ...rates], issues: [],
  };
  const remits: ImportResult = { file: 'fixture.835', format: 'x12-835', profile: 'x12-835', rowsRead: REMITS.length, recordsImported: REMITS.length, rowsRejected: 0, records: REMITS, issues: [] };
  return assembleDataset([...cms, contracts, remits]);
}
