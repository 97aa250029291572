/**
 * The contract workbook plan (issue 7): About, Compare, Expected vs paid, Effective rate, What-if,
 * Medicare, Fee schedules and Import log. Rates, percents of Medicare, revenue, variances and the
 * what-if are native formulas over the workbook's own tables with the core's results as `expected`;
 * imported text is sanitised; no patient identifiers are written, so the plan is share-safe.
 *
 * The CLI (`practice build --workbook contracts`) and the add-in call `buildContractWorkbook`.
 */
import { sourcesTable } from './sources-table';
import { contractBook, contractPayers, termInForce, type ContractBook } from '../contracts/book';
import { comparePayments, DEFAULT_TOLERANCE, effectiveRateTrend, varianceClassLabels, type PaymentCheck, type Tolerance } from '../contracts/expected-vs-paid';
import { medicareAllowed } from '../contracts/medicare';
import { lastYearVolumes, type Volumes } from '../contracts/what-if';
import type { Dataset } from '../dataset';
import type { CanonicalRecord, Gpci, MedicareRvu } from '../model';
import { formatCents } from '../money';
import type { CalendarDate } from '../period';
import { compareSheet } from './contracts/compare-sheet';
import { medicareSheet } from './contracts/medicare-sheet';
import { paymentsSheet, trendSheet } from './contracts/payments-sheet';
import { schedulesSheet } from './contracts/schedules-sheet';
import { codeKey, SHEETS } from './contracts/shared';
import { whatIfSheet } from './contracts/what-if-sheet';
import { importLogSheet } from './kpi/import-log';
import { sanitizeText } from './sanitize';
import type { CellValue, Placed, PlanSheet, WorkbookPlan } from './types';

export { SHEETS as contractSheets } from './contracts/shared';
export { rateChangeKey, whatIfKey, WHAT_IF_FIRST_ROW } from './contracts/what-if-sheet';

export interface ContractWorkbookOptions {
  readonly practiceName?: string | undefined;
  readonly generatedBy?: string | undefined;
  /** The practice's Medicare locality (`MAC-locality`); default: the one most contract terms name. */
  readonly locality?: string | undefined;
  /** Medicare year of the Medicare sheet; default: the latest imported. */
  readonly medicareYear?: number | undefined;
  /** How many codes Compare shows (by units billed). */
  readonly topCodes?: number | undefined;
  readonly tolerance?: Tolerance | undefined;
  /** The date today's rates are read at; default: the end of the volume window. */
  readonly rateDate?: CalendarDate | undefined;
  /** Show claim numbers (not share-safe); default false: pseudonymous claim references. */
  readonly includeClaimIds?: boolean | undefined;
  /** What-if proposals the user typed before (payer → percent of Medicare), kept across rebuilds. */
  readonly proposals?: ReadonlyMap<string, number> | undefined;
  /** What-if rate changes the user typed before (payer → percent change of every rate). */
  readonly rateChanges?: ReadonlyMap<string, number> | undefined;
}

/** The contract records of a dataset (connectors put them in `other`). */
export function contractRecords(dataset: Dataset): CanonicalRecord[] {
  return ['fee-rate', 'contract-term', 'medicare-rvu', 'gpci'].flatMap((t) => dataset.other.get(t) ?? []);
}

/** Everything the plan shows, computed once: the CLI prints parts of it too. */
export interface ContractAnalysis {
  readonly book: ContractBook;
  readonly checks: readonly PaymentCheck[];
  readonly volumes: Volumes;
  readonly locality: string | undefined;
  readonly medicareYear: number | undefined;
  readonly rateDate: CalendarDate;
  readonly tolerance: Tolerance;
}

function mostCommon(values: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** Prices every remittance line and gathers last year's volumes. */
export function analyzeContracts(dataset: Dataset, options: ContractWorkbookOptions = {}): ContractAnalysis {
  const book = contractBook(contractRecords(dataset));
  const locality = options.locality ?? mostCommon(book.terms.map((t) => t.locality));
  const medicareYear = options.medicareYear ?? book.medicare.years[book.medicare.years.length - 1];
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const checks = comparePayments(book, dataset.remitLines, { tolerance, charges: dataset.charges, locality });
  const volumes = lastYearVolumes(book, checks, { locality, medicareYear, rateDate: options.rateDate });
  const rateDate = options.rateDate ?? (volumes.to === '' ? new Date(0).toISOString().slice(0, 10) : volumes.to);
  return { book, checks, volumes, locality, medicareYear, rateDate, tolerance };
}

/** The RVU rows the workbook needs: every code of the schedules, volumes and remittances, with its 26/TC rows. */
function rvusFor(analysis: ContractAnalysis): MedicareRvu[] {
  const year = analysis.medicareYear;
  if (year === undefined) return [];
  const codes = new Set<string>([
    ...analysis.book.rates.map((r) => r.procedureCode.toUpperCase()),
    ...analysis.volumes.rows.map((v) => v.code.toUpperCase()),
    ...analysis.checks.map((c) => c.code.toUpperCase()),
  ]);
  const out: MedicareRvu[] = [];
  for (const row of analysis.book.medicare.rvus.values()) if (row.year === year && codes.has(row.procedureCode.toUpperCase())) out.push(row);
  return out.sort((a, b) => a.procedureCode.localeCompare(b.procedureCode) || a.modifier.localeCompare(b.modifier));
}

function aboutSheet(dataset: Dataset, analysis: ContractAnalysis, practiceName: string, generatedBy: string, gpci: Gpci | undefined): PlanSheet {
  const priced = analysis.checks.filter((c) => c.expectedCents !== null);
  const flagged = priced.filter((c) => c.flagged);
  const underpaid = flagged.reduce((s, c) => s + Math.max(0, c.varianceCents ?? 0), 0);
  const facts: [string, CellValue][] = [
    ['Practice', practiceName],
    ['Medicare locality', gpci === undefined ? (analysis.locality ?? 'not set') : `${gpci.locality} ${sanitizeText(gpci.localityName)}`],
    ['Medicare year', analysis.medicareYear ?? 'no RVU file imported'],
    ['Rates as of', { date: analysis.rateDate }],
    ['Volumes (last 12 months of service)', analysis.volumes.from === '' ? 'no remittance lines' : `${analysis.volumes.from} to ${analysis.volumes.to}`],
    ['Tolerance', `${formatCents(analysis.tolerance.cents)}${analysis.tolerance.percent ? ` or ${analysis.tolerance.percent}% of expected` : ''} per line`],
    ['Remittance lines priced / flagged', `${priced.length} / ${flagged.length}`],
    ['Below contract (flagged lines, incl. denials)', formatCents(underpaid)],
    ['Lines not priced / not compared', `${analysis.checks.filter((c) => c.classification === 'not-priced').length} / ${analysis.checks.filter((c) => c.classification === 'not-compared').length}`],
    ['Generated by', generatedBy],
    ['Share-safe', 'Yes: no custom functions and no patient identifiers (claims by pseudonymous reference).'],
  ];
  const cells: Placed[] = [{ at: 'A1', value: `${practiceName}: payer contracts`, style: 'title' }];
  facts.forEach(([label, value], i) => {
    cells.push({ at: `A${3 + i}`, value: label, style: 'label' });
    cells.push({ at: `B${3 + i}`, value, ...(typeof value === 'object' && value !== null ? { format: 'date' } : {}) });
  });
  const notes = [
    'Medicare allowed = (work RVU × work GPCI + PE RVU × PE GPCI + MP RVU × MP GPCI) × conversion factor, computed exactly and rounded once to the cent (half away from zero); GPCI-adjusted RVUs are not rounded.',
    'Expected allowed, in order: the contract rate for one unit (a fee-schedule rate, which is a carve-out when the payer also has percent-of-Medicare terms, or percent × Medicare allowed, rounded to the cent); bilateral (modifier 50, indicator 1: the contract\'s bilateral percent); × units; multiple-procedure reduction (indicator 2: lines ranked by allowed amount, not claim order); lesser of the billed charge.',
    'The code priced is the one submitted (SVC06, or the matched claim line), so a recode by the payer shows. Actual allowed = AMT*B6 when sent, otherwise paid + patient responsibility + sequestration (CO-253).',
    `Findings: ${Object.values(varianceClassLabels).join('; ')}.`,
  ];
  let row = 3 + facts.length + 1;
  cells.push({ at: `A${row}`, value: 'How the numbers are made', style: 'subtitle' });
  for (const note of notes) cells.push({ at: `A${++row}`, value: note, style: 'note' });
  row += 2;
  cells.push({ at: `A${row}`, value: 'Source files', style: 'subtitle' });
  const sourcesAt = row + 1;
  const notPriced = new Map<string, { payer: string; code: string; reason: string; lines: number }>();
  for (const c of analysis.checks) {
    if (c.classification !== 'not-priced') continue;
    const k = `${c.payer}|${c.code}|${c.reason}`;
    const r = notPriced.get(k) ?? { payer: c.payer, code: c.code, reason: c.reason, lines: 0 };
    r.lines++;
    notPriced.set(k, r);
  }
  const notPricedAt = sourcesAt + Math.max(dataset.sources.length, 1) + 3;
  if (notPriced.size > 0) cells.push({ at: `A${notPricedAt - 1}`, value: 'Lines no contract prices', style: 'subtitle' });
  return {
    name: SHEETS.about,
    cells,
    tables: [
      {
        at: `A${sourcesAt}`,
        table: sourcesTable('ContractSources', dataset.sources),
      },
      ...(notPriced.size === 0
        ? []
        : [
            {
              at: `A${notPricedAt}`,
              table: {
                name: 'NotPriced',
                theme: 'TableStyleLight9' as const,
                columns: [
                  { name: 'Payer', type: 'text' as const, width: 30 },
                  { name: 'Code', type: 'text' as const, width: 10 },
                  { name: 'Why', type: 'text' as const, width: 70 },
                  { name: 'Lines', type: 'integer' as const, width: 8 },
                ],
                rows: [...notPriced.values()].map((r) => [sanitizeText(r.payer), sanitizeText(r.code), sanitizeText(r.reason), r.lines]),
              },
            },
          ]),
    ],
    columnWidths: { A: 40, B: 60 },
  };
}

/** Builds the contract workbook plan for a dataset holding contracts, CMS files and 835 lines. */
export function buildContractWorkbook(dataset: Dataset, options: ContractWorkbookOptions = {}, analysis: ContractAnalysis = analyzeContracts(dataset, options)): WorkbookPlan {
  const practiceName = sanitizeText(options.practiceName ?? 'Practice');
  const generatedBy = sanitizeText(options.generatedBy ?? 'Practice Workbench');
  const { book } = analysis;
  const gpci = analysis.locality === undefined || analysis.medicareYear === undefined ? undefined : book.medicare.gpcis.get(`${analysis.medicareYear}|${analysis.locality}`);
  const rvus = rvusFor(analysis);
  const medicareByKey = new Map<string, number>();
  if (gpci !== undefined) {
    for (const r of rvus) {
      const fee = medicareAllowed(r, gpci, 'non-facility');
      medicareByKey.set(codeKey(r.procedureCode, r.modifier), fee.ok ? fee.value.cents : 0);
    }
  }
  const payers = contractPayers(book);
  const window = analysis.volumes.from === '' ? 'no remittances' : `${analysis.volumes.from} to ${analysis.volumes.to}`;
  const medicare = medicareSheet(rvus, gpci, analysis.medicareYear);
  const sheets: PlanSheet[] = [
    aboutSheet(dataset, analysis, practiceName, generatedBy, gpci),
    compareSheet({
      book,
      payers,
      volumes: analysis.volumes.rows,
      medicareByKey,
      locality: analysis.locality,
      medicareYear: analysis.medicareYear,
      rateDate: analysis.rateDate,
      topCodes: options.topCodes ?? 25,
      volumeWindow: window,
    }),
    paymentsSheet(analysis.checks, { includeClaimIds: options.includeClaimIds ?? false }),
    trendSheet(effectiveRateTrend(analysis.checks)),
    whatIfSheet({
      payers: payers.map((payer) => ({ payer, contractPercent: termInForce(book, [payer], analysis.rateDate)?.percentOfMedicare })),
      volumes: analysis.volumes.rows,
      volumeWindow: window,
      proposals: options.proposals,
      rateChanges: options.rateChanges,
    }),
    medicare.sheet,
    schedulesSheet(book, analysis.rateDate),
    { ...importLogSheet(dataset.issues), name: SHEETS.importLog },
  ];
  return {
    kind: 'contracts',
    title: `${practiceName}: payer contracts`,
    sheets,
    namedRanges: medicare.names,
    shareSafe: options.includeClaimIds !== true,
  };
}

