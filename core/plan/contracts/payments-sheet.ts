/**
 * The Expected vs paid sheet: summaries by payer, by finding and by code (formulas over the line
 * table), then every compared 835 line with its expected and actual allowed amounts and the reason.
 * No patient identifiers: claims are shown by a pseudonymous reference unless the caller asks for
 * claim numbers (a workbook kept inside the billing office).
 */
import { exactCriterion } from '../formula';
import { varianceClassLabels, type PaymentCheck, type VarianceClass } from '../../contracts/expected-vs-paid';
import type { EffectiveRateRow } from '../../contracts/expected-vs-paid';
import { pseudonymousKey } from '../../privacy';
import { sanitizeText } from '../sanitize';
import type { PlacedTable, PlanSheet, PlanTable, TableColumn } from '../types';
import { dollars, SHEETS } from './shared';

export const LINES_TABLE = 'PaymentLines';

const money = (name: string, extra: Partial<TableColumn> = {}): TableColumn => ({ name, type: 'money', format: 'money', width: 13, ...extra });

function summaryTable(name: string, label: string, keys: readonly string[], checks: readonly PaymentCheck[], keyOf: (c: PaymentCheck) => string): PlanTable {
  const groups = new Map<string, PaymentCheck[]>();
  for (const c of checks) {
    const k = keyOf(c);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [c]);
    else list.push(c);
  }
  const rowsOf = (k: string) => groups.get(k) ?? [];
  const sum = (k: string, f: (c: PaymentCheck) => number) => rowsOf(k).reduce((s, c) => s + f(c), 0);
  const column = `${LINES_TABLE}[${label}]`;
  return {
    name,
    theme: 'TableStyleLight9',
    columns: [
      { name: label, type: 'text', width: 34 },
      { name: 'Lines', type: 'integer', format: 'integer', width: 9, formula: `COUNTIFS(${column},${exactCriterion(`[@[${label}]]`)})`, expected: keys.map((k) => rowsOf(k).length) },
      {
        name: 'Flagged',
        type: 'integer',
        format: 'integer',
        width: 9,
        formula: `COUNTIFS(${column},${exactCriterion(`[@[${label}]]`)},${LINES_TABLE}[Flagged],"Yes")`,
        expected: keys.map((k) => rowsOf(k).filter((c) => c.flagged).length),
      },
      money('Expected', { formula: `SUMIFS(${LINES_TABLE}[Expected],${column},${exactCriterion(`[@[${label}]]`)})`, expected: keys.map((k) => dollars(sum(k, (c) => c.expectedCents ?? 0))) }),
      money('Allowed', { formula: `SUMIFS(${LINES_TABLE}[Allowed],${column},${exactCriterion(`[@[${label}]]`)})`, expected: keys.map((k) => dollars(sum(k, (c) => c.actualAllowedCents))) }),
      money('Paid', { formula: `SUMIFS(${LINES_TABLE}[Paid],${column},${exactCriterion(`[@[${label}]]`)})`, expected: keys.map((k) => dollars(sum(k, (c) => c.paidCents))) }),
      money('Variance', { formula: `SUMIFS(${LINES_TABLE}[Variance],${column},${exactCriterion(`[@[${label}]]`)})`, expected: keys.map((k) => dollars(sum(k, (c) => c.varianceCents ?? 0))) }),
      money('Underpaid', {
        formula: `SUMIFS(${LINES_TABLE}[Variance],${column},${exactCriterion(`[@[${label}]]`)},${LINES_TABLE}[Flagged],"Yes",${LINES_TABLE}[Variance],">0")`,
        expected: keys.map((k) => dollars(sum(k, (c) => (c.flagged && (c.varianceCents ?? 0) > 0 ? (c.varianceCents ?? 0) : 0)))),
        note: 'Money to recover: the positive variance of flagged lines',
      }),
    ],
    rows: keys.map((k) => [sanitizeText(k), null, null, null, null, null, null, null]),
  };
}

export interface PaymentsSheetOptions {
  /** Show the practice's claim numbers instead of pseudonymous references (not share-safe). */
  readonly includeClaimIds: boolean;
}

export function paymentsSheet(checks: readonly PaymentCheck[], options: PaymentsSheetOptions): PlanSheet {
  const compared = checks.filter((c) => c.expectedCents !== null);
  const distinct = (f: (c: PaymentCheck) => string) => [...new Set(compared.map(f))].sort();
  const payers = distinct((c) => c.payer);
  const findings = (Object.keys(varianceClassLabels) as VarianceClass[]).filter((k) => compared.some((c) => c.classification === k)).map((k) => varianceClassLabels[k]);
  const codes = distinct((c) => c.code);
  const byPayerAt = 4;
  const byFindingAt = byPayerAt + Math.max(payers.length, 1) + 3;
  const byCodeAt = byFindingAt + Math.max(findings.length, 1) + 3;
  const linesAt = byCodeAt + Math.max(codes.length, 1) + 3;
  const claimRef = (c: PaymentCheck) => (options.includeClaimIds ? sanitizeText(c.claimId) : pseudonymousKey('claim', c.claimId).slice(0, 9));
  // Line control numbers (REF*6R) often embed the claim number ("C00012-1"): keep only the line part.
  const lineRef = (c: PaymentCheck) => {
    if (options.includeClaimIds) return sanitizeText(c.lineNumber);
    const rest = c.lineNumber.split(c.claimId).join('').replace(/^[^A-Za-z0-9]+/, '');
    return /^\d{1,4}$/.test(rest) ? rest : pseudonymousKey('line', c.lineNumber).slice(0, 9);
  };
  const tables: PlacedTable[] = [];
  if (compared.length > 0) {
    tables.push(
      { at: `A${byPayerAt}`, table: summaryTable('VarianceByPayer', 'Payer', payers, compared, (c) => c.payer) },
      { at: `A${byFindingAt}`, table: summaryTable('VarianceByFinding', 'Finding', findings, compared, (c) => varianceClassLabels[c.classification]) },
      { at: `A${byCodeAt}`, table: summaryTable('VarianceByCode', 'Code', codes, compared, (c) => c.code) },
      {
        at: `A${linesAt}`,
        table: {
          name: LINES_TABLE,
          theme: 'TableStyleLight9',
          columns: [
            { name: 'Payer', type: 'text', width: 30 },
            { name: 'Claim ref', type: 'text', width: 12, note: options.includeClaimIds ? 'The practice claim number' : 'A pseudonymous reference: `practice price`/the CLI lists claim numbers inside the billing office' },
            { name: 'Line', type: 'text', width: 6 },
            { name: 'Date of service', type: 'date', format: 'date', width: 12 },
            { name: 'Code', type: 'text', width: 9 },
            { name: 'Paid as code', type: 'text', width: 9 },
            { name: 'Modifiers', type: 'text', width: 9 },
            { name: 'Units', type: 'number', format: 'decimal1', width: 7 },
            money('Billed'),
            money('Expected'),
            money('Allowed'),
            money('Paid'),
            money('Patient resp.'),
            money('Variance', { formula: '[@Expected]-[@Allowed]', expected: compared.map((c) => dollars(c.varianceCents)) }),
            { name: 'Finding', type: 'text', width: 34 },
            { name: 'Flagged', type: 'text', width: 8 },
            { name: 'Reason', type: 'text', width: 70 },
            { name: 'Allowed from', type: 'text', width: 16 },
            { name: 'Adjustments', type: 'text', width: 30 },
          ],
          rows: compared.map((c) => [
            sanitizeText(c.payer), claimRef(c), lineRef(c), c.serviceDate === undefined ? null : { date: c.serviceDate }, sanitizeText(c.code),
            sanitizeText(c.paidCode ?? ''), sanitizeText(c.modifiers.join(' ')), c.units, dollars(c.billedCents), dollars(c.expectedCents), dollars(c.actualAllowedCents),
            dollars(c.paidCents), dollars(c.patientResponsibilityCents), null, varianceClassLabels[c.classification], c.flagged ? 'Yes' : 'No', sanitizeText(c.reason),
            c.allowedSource, sanitizeText(c.adjustments),
          ]),
        },
      },
    );
  }
  const notCompared = checks.length - compared.length;
  return {
    name: SHEETS.payments,
    cells: [
      { at: 'A1', value: 'Expected vs paid', style: 'title' },
      {
        at: 'A2',
        value:
          compared.length === 0
            ? 'No remittance line could be priced: import 835 files and the payers\' fee schedules or contract terms.'
            : `${compared.length} remittance lines priced with the contract in force on their date of service; ${compared.filter((c) => c.flagged).length} flagged.` +
              (notCompared > 0 ? ` ${notCompared} not priced or not compared (see About).` : ''),
        style: 'note',
      },
      ...(compared.length > 0
        ? [
            { at: `A${byPayerAt - 1}`, value: 'By payer', style: 'subtitle' as const },
            { at: `A${byFindingAt - 1}`, value: 'By finding', style: 'subtitle' as const },
            { at: `A${byCodeAt - 1}`, value: 'By code', style: 'subtitle' as const },
            { at: `A${linesAt - 1}`, value: 'Lines', style: 'subtitle' as const },
          ]
        : []),
    ],
    tables,
    columnWidths: { A: 30 },
  };
}

export function trendSheet(rows: readonly EffectiveRateRow[]): PlanSheet {
  return {
    name: SHEETS.trend,
    cells: [
      { at: 'A1', value: 'Effective rate by payer, code and month of service', style: 'title' },
      { at: 'A2', value: 'Effective rate = allowed ÷ expected under the contract (100% = paid as contracted). Denied lines are left out.', style: 'note' },
      ...(rows.length === 0 ? [{ at: 'A4', value: 'No priced remittance lines.', style: 'note' as const }] : []),
    ],
    tables:
      rows.length === 0
        ? []
        : [
            {
              at: 'A4',
              table: {
                name: 'EffectiveRate',
                theme: 'TableStyleLight9',
                columns: [
                  { name: 'Payer', type: 'text', width: 30 },
                  { name: 'Code', type: 'text', width: 9 },
                  { name: 'Month', type: 'date', format: 'month', width: 10 },
                  { name: 'Lines', type: 'integer', format: 'integer', width: 8 },
                  { name: 'Units', type: 'number', format: 'decimal1', width: 8 },
                  money('Expected'),
                  money('Allowed'),
                  { name: 'Effective rate', type: 'percent', format: 'percent', width: 11, formula: 'IF([@Expected]=0,"",[@Allowed]/[@Expected])', expected: rows.map((r) => r.effectiveRate) },
                ],
                rows: rows.map((r) => [sanitizeText(r.payer), sanitizeText(r.code), { date: `${r.month}-01` }, r.lines, r.units, dollars(r.expectedCents), dollars(r.actualAllowedCents), null]),
              },
            },
          ],
    frozen: { rows: 4, columns: 0 },
  };
}
