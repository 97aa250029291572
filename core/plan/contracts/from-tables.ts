/**
 * The contract workbook's own tables read back into a ContractBook, so code running inside Excel
 * (the custom functions PRACTICE.MEDICARE / EXPECTED / PCTMEDICARE) prices exactly as the core does
 * from what the workbook holds: FeeSchedules, ContractTerms and MedicareRvus, plus the Medicare
 * sheet's locality GPCIs. Each table comes as Excel gives it: a header row, then value rows (dates
 * as serial numbers or date text, percents as fractions, empty cells as '' or null).
 */
import { contractBook, type ContractBook } from '../../contracts/book';
import type { CanonicalRecord, ContractTerm, FeeScheduleRate, Gpci, MedicareRvu } from '../../model';
import { fromDayNumber } from '../../period';
import { roundCents } from '../../money';

export type TableValues = readonly (readonly unknown[])[];

export interface ContractTables {
  readonly feeSchedules?: TableValues | undefined;
  readonly contractTerms?: TableValues | undefined;
  readonly medicareRvus?: TableValues | undefined;
  /** The Medicare sheet's locality and year with its GPCIs. */
  readonly gpci?: { readonly locality: string; readonly year: number; readonly work: number; readonly pe: number; readonly mp: number } | undefined;
}

const lineage = { source: 'workbook', profile: 'contract-workbook' };
/** Excel's serial day 25569 is 1970-01-01. */
const EXCEL_1970 = 25569;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).replace(/^'/, '').trim());
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : text(v) === '' || Number.isNaN(Number(text(v))) ? undefined : Number(text(v)));
function date(v: unknown): string | undefined {
  if (typeof v === 'number') return fromDayNumber(Math.round(v) - EXCEL_1970);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const t = text(v);
  return /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : undefined;
}

/** Rows of a table as objects by header name. */
function records(table: TableValues | undefined): Record<string, unknown>[] {
  if (table === undefined || table.length === 0) return [];
  const [header, ...rows] = table;
  const names = (header ?? []).map(text);
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
}

/** Builds the book the workbook's tables describe (rows that are not complete are left out). */
export function contractBookFromTables(tables: ContractTables): ContractBook {
  const out: CanonicalRecord[] = [];
  records(tables.feeSchedules).forEach((r, i) => {
    const from = date(r['Effective from']);
    const payer = text(r['Payer']);
    const code = text(r['Code']);
    if (from === undefined || payer === '' || code === '') return;
    const rate = num(r['Rate']);
    const setting = text(r['Setting']);
    const row: FeeScheduleRate = {
      type: 'fee-rate', key: `fee${i}`, lineage, payer, plan: text(r['Plan']) || undefined, procedureCode: code, modifier: text(r['Modifier']),
      setting: setting === 'facility' || setting === 'non-facility' ? setting : undefined,
      rateCents: rate === undefined ? undefined : roundCents(rate * 100), excluded: text(r['Excluded']) === 'Yes',
      effectiveFrom: from, effectiveTo: date(r['Effective to']),
    };
    out.push(row);
  });
  records(tables.contractTerms).forEach((r, i) => {
    const from = date(r['Effective from']);
    const payer = text(r['Payer']);
    if (from === undefined || payer === '') return;
    const fraction = num(r['Percent of Medicare']);
    const setting = text(r['Setting']);
    const mppr = text(r['Multiple procedure %']).split('/').map(Number).filter((n) => Number.isFinite(n));
    const row: ContractTerm = {
      type: 'contract-term', key: `term${i}`, lineage, payer, plan: text(r['Plan']) || undefined,
      // Cells hold 1.15 for 115 %; back to the contract's percent without float noise.
      percentOfMedicare: fraction === undefined ? undefined : Math.round(fraction * 100 * 1e6) / 1e6,
      medicareYear: num(r['Medicare year']), locality: text(r['Locality']) || undefined,
      setting: setting === 'facility' || setting === 'non-facility' ? setting : undefined,
      multipleProcedurePercents: mppr.length > 0 ? mppr : [100, 50], bilateralPercent: num(r['Bilateral %']) ?? 150,
      lesserOfBilled: text(r['Lesser of billed']) !== 'No', effectiveFrom: from, effectiveTo: date(r['Effective to']),
    };
    out.push(row);
  });
  const year = tables.gpci?.year;
  if (year !== undefined) {
    records(tables.medicareRvus).forEach((r, i) => {
      const cf = num(r['Conversion factor']);
      if (cf === undefined || text(r['Code']) === '') return;
      const row: MedicareRvu = {
        type: 'medicare-rvu', key: `rvu${i}`, lineage, year, procedureCode: text(r['Code']), modifier: text(r['Modifier']), statusCode: text(r['Status']),
        workRvu: num(r['Work RVU']) ?? 0, nonFacilityPeRvu: num(r['Non-facility PE RVU']) ?? 0, facilityPeRvu: num(r['Facility PE RVU']) ?? 0, mpRvu: num(r['MP RVU']) ?? 0,
        nonFacilityNa: text(r['Non-facility NA']) === 'NA', facilityNa: text(r['Facility NA']) === 'NA', pcTcIndicator: text(r['PC/TC']),
        multipleProcedureIndicator: text(r['Mult proc']), bilateralIndicator: text(r['Bilateral']), conversionFactor: cf,
      };
      out.push(row);
    });
  }
  if (tables.gpci !== undefined) {
    const [mac = '', localityNumber = ''] = tables.gpci.locality.split('-');
    const g: Gpci = {
      type: 'gpci', key: 'gpci', lineage, year: tables.gpci.year, mac, localityNumber, locality: tables.gpci.locality, state: '', localityName: '',
      workGpci: tables.gpci.work, peGpci: tables.gpci.pe, mpGpci: tables.gpci.mp,
    };
    out.push(g);
  }
  return contractBook(out);
}
