/**
 * A small but representative plan for the renderer and LibreOffice tests: two sheets, a table with a
 * calculated column and totals, SUMIFS over structured references across sheets, cross-sheet refs,
 * a named input, money/percent/date formats, IFERROR, conditional formats, frozen panes, and hostile
 * imported text. Every `expected` below is worked out by hand from the rows (see the comments).
 */
import { sanitizeText } from '../../../core/plan/sanitize';
import type { WorkbookPlan } from '../../../core/plan/types';

export const hostileProvider = '=HYPERLINK("http://x","y")';
export const hostilePayer = '+1+1';

// Rows: month, provider, payer, charges, payments.
//  Jan  Dr Adams   Aetna  1000.00  600.25
//  Jan  <hostile>  +1+1    250.50  100.00
//  Feb  Dr Adams   Aetna   400.00    0.00
//  Feb  Dr Baker   Cigna     0.00    0.00   (a zero-charge row: the rate is blank, not #DIV/0!)
// Charges total 1650.50; payments total 700.25; Dr Adams payments 600.25, charges 1400.00.
export function samplePlan(): WorkbookPlan {
  return {
    kind: 'kpi',
    title: 'Sample practice — KPI',
    shareSafe: true,
    namedRanges: [{ name: 'Target_collection_rate', ref: "'Dashboard'!$B$9" }],
    sheets: [
      {
        name: 'Dashboard',
        tabColor: '1F4E78',
        frozen: { rows: 2, columns: 1 },
        columnWidths: { A: 30, B: 16, C: 16 },
        merges: ['A1:C1'],
        printTitleRows: '1:2',
        landscape: true,
        cells: [
          { at: 'A1', value: 'Sample practice', style: 'title' },
          { at: 'A2', value: 'As of', style: 'label' },
          { at: 'B2', value: { date: '2024-02-29' }, format: 'date' },
          { at: 'A4', value: 'Total charges', style: 'label' },
          { at: 'B4', formula: 'SUM(Charges[Charges])', expected: 1650.5, format: 'money' },
          { at: 'A5', value: 'Total payments', style: 'label' },
          { at: 'B5', formula: "SUM('Data tables'!E2:E5)", expected: 700.25, format: 'money' },
          { at: 'A6', value: 'Dr Adams', style: 'label' },
          { at: 'B6', formula: 'SUMIFS(Charges[Payments],Charges[Provider],A6)', expected: 600.25, format: 'money' },
          { at: 'C6', formula: 'IFERROR(B6/SUMIFS(Charges[Charges],Charges[Provider],A6),"")', expected: 600.25 / 1400, format: 'percent' },
          { at: 'A7', value: sanitizeText(hostileProvider), style: 'label' },
          { at: 'B7', formula: 'SUMIFS(Charges[Payments],Charges[Provider],"="&A7)', expected: 100, format: 'money' },
          { at: 'A8', value: 'Collection rate', style: 'label' },
          { at: 'B8', formula: 'IFERROR(B5/B4,"")', expected: 700.25 / 1650.5, format: 'percent' },
          { at: 'A9', value: 'Target collection rate', style: 'label' },
          { at: 'B9', value: 0.4, format: 'percent', style: 'input', userKey: 'target:collection_rate', note: 'Your target: change it.' },
          { at: 'A10', value: 'Status', style: 'label' },
          { at: 'B10', formula: 'IF(B8>=Target_collection_rate,"On target","Below target")', expected: 'On target' },
          { at: 'A11', value: 'Dr Baker rate', style: 'label' },
          { at: 'B11', formula: 'IFERROR(SUMIFS(Charges[Payments],Charges[Provider],"Dr Baker")/SUMIFS(Charges[Charges],Charges[Provider],"Dr Baker"),"")', expected: null, format: 'percent' },
          { at: 'A12', value: 'Rows in January', style: 'label' },
          { at: 'B12', formula: 'COUNTIFS(Charges[Month],DATE(2024,1,1))', expected: 2, format: 'integer' },
          { at: 'A13', value: 'First row rate', style: 'label' },
          { at: 'B13', formula: "'Data tables'!F2", expected: 0.60025, format: 'percent2' },
          { at: 'A14', value: 'Last service month', style: 'label' },
          { at: 'B14', formula: 'MAX(Charges[Month])', expected: 45323, format: 'month' },
          { at: 'A15', value: 'Over target?', style: 'label' },
          { at: 'B15', formula: 'B8>Target_collection_rate', expected: true },
        ],
        tables: [],
        conditionalFormats: [
          {
            range: 'B10',
            rules: [
              { kind: 'expression', formula: 'B10="On target"', style: 'good' },
              { kind: 'expression', formula: 'B10="Below target"', style: 'bad' },
            ],
          },
          { range: 'B8', rules: [{ kind: 'cellIs', operator: 'lessThan', formulae: ['Target_collection_rate'], style: 'warn' }] },
        ],
        charts: [{ kind: 'column', title: 'Payments by month', anchor: 'E2', size: { columns: 6, rows: 12 }, categories: "'Data tables'!A2:A5", series: [{ name: 'Payments', values: "'Data tables'!E2:E5" }] }],
      },
      {
        name: 'Data tables',
        frozen: { rows: 1, columns: 0 },
        cells: [],
        tables: [
          {
            at: 'A1',
            table: {
              name: 'Charges',
              showTotals: true,
              rowKey: ['Month', 'Provider', 'Payer'],
              columns: [
                { name: 'Month', type: 'date', format: 'month' },
                { name: 'Provider', type: 'text' },
                { name: 'Payer', type: 'text' },
                { name: 'Charges', type: 'money', total: { function: 'sum', expected: 1650.5 } },
                { name: 'Payments', type: 'money', total: { function: 'sum', expected: 700.25 } },
                {
                  name: 'Collection rate',
                  type: 'percent',
                  formula: 'IFERROR([@Payments]/[@Charges],"")',
                  expected: [0.60025, 100 / 250.5, 0, null],
                },
                { name: 'Comment', type: 'text', userOwned: true },
              ],
              rows: [
                [{ date: '2024-01-01' }, 'Dr Adams', 'Aetna', 1000, 600.25, null, null],
                [{ date: '2024-01-01' }, sanitizeText(hostileProvider), sanitizeText(hostilePayer), 250.5, 100, null, null],
                [{ date: '2024-02-01' }, 'Dr Adams', 'Aetna', 400, 0, null, 'Payer slow in Feb'],
                [{ date: '2024-02-01' }, 'Dr Baker', 'Cigna', 0, 0, null, null],
              ],
            },
          },
        ],
      },
    ],
  };
}
