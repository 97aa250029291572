/**
 * The formula forms plan builders may use (core/plan/types.ts "Formula rules"), each with the value
 * Excel gives, worked out by hand over the small Charges table below. The LibreOffice test renders
 * them and requires LibreOffice to agree, so a rule that stops holding fails a test.
 */
import { exactCriterion, exactCriterionLiteral } from '../../../core/plan/formula';
import type { WorkbookPlan } from '../../../core/plan/types';

// Charges: Payer, Amount, Double (= [@Amount]*2), Date
//   A  10  20  2024-01-01
//   B  20  40  2024-01-02
//   A  30  60  2024-01-03
// Totals row: Amount 60. Wildcards: Wild has payers "A*" (1), "AB" (2), "A?~" (4).
export const formulaForms: readonly (readonly [formula: string, expected: number | string | boolean | null])[] = [
  ['SUM(Charges[Amount])', 60],
  ['SUMIFS(Charges[Amount],Charges[Payer],"A")', 40],
  ['SUMIFS(Charges[Amount],Charges[Payer],"="&"A")', 40],
  ['SUM(Charges[[#Data],[Amount]])', 60],
  ['Charges[[#Totals],[Amount]]', 60],
  ['Charges[[#Headers],[Amount]]', 'Amount'],
  ['SUM(Charges[[Amount]:[Double]])', 180],
  ['INDEX(Charges[Payer],2)', 'B'],
  ['MATCH("B",Charges[Payer],0)', 2],
  ['ROWS(Charges[Amount])', 3],
  ['COUNTIFS(Charges[Payer],"A",Charges[Amount],">15")', 1],
  ['SUMIFS(Charges[Amount],Charges[Date],">="&DATE(2024,1,2))', 50],
  ['SUMPRODUCT((Charges[Payer]="A")*Charges[Amount])', 40],
  ['AVERAGEIFS(Charges[Amount],Charges[Payer],"A")', 20],
  ['IFERROR(1/0,"none")', 'none'],
  ['IFNA(MATCH("Z",Charges[Payer],0),0)', 0],
  ['MAXIFS(Charges[Amount],Charges[Payer],"A")', 30],
  ['MINIFS(Charges[Amount],Charges[Payer],"A")', 10],
  ['IFS(SUM(Charges[Amount])>100,"big",TRUE,"small")', 'small'],
  ['SWITCH(INDEX(Charges[Payer],1),"A","first","other")', 'first'],
  ['TEXTJOIN(",",TRUE,Charges[Payer])', 'A,B,A'],
  ['TEXT(DATE(2024,3,1),"yyyy-mm")', '2024-03'],
  ['EOMONTH(DATE(2024,1,15),0)', 45322],
  ['Total_Amount*2', 120],
  ["'Data sheet'!B2+Data_sheet_total", 70],
  // "A*" as a criterion is a wildcard (A*, AB and A?~ all match); exactCriterion matches the text only.
  ['SUMIFS(Wild[Amount],Wild[Payer],"="&"A*")', 7],
  [`SUMIFS(Wild[Amount],Wild[Payer],${exactCriterion('INDEX(Wild[Payer],1)')})`, 1],
  [`SUMIFS(Wild[Amount],Wild[Payer],${exactCriterion('INDEX(Wild[Payer],3)')})`, 4],
  // The same for text known when the plan is built (slice keys, payer names).
  [`SUMIFS(Wild[Amount],Wild[Payer],${exactCriterionLiteral('A*')})`, 1],
];

/** A plan with the forms above on a Forms sheet (column B; column A labels them). */
export function formsPlan(): WorkbookPlan {
  return {
    kind: 'kpi',
    title: 'Formula forms',
    shareSafe: true,
    namedRanges: [
      { name: 'Total_Amount', ref: 'Forms!$D$1' },
      { name: 'Data_sheet_total', ref: "'Data sheet'!$B$5" },
    ],
    sheets: [
      {
        name: 'Data sheet',
        cells: [],
        tables: [
          {
            at: 'A1',
            table: {
              name: 'Charges',
              showTotals: true,
              columns: [
                { name: 'Payer', type: 'text' },
                { name: 'Amount', type: 'money', total: { function: 'sum', expected: 60 } },
                { name: 'Double', type: 'money', formula: '[@Amount]*2', expected: [20, 40, 60] },
                { name: 'Date', type: 'date' },
              ],
              rows: [
                ['A', 10, null, { date: '2024-01-01' }],
                ['B', 20, null, { date: '2024-01-02' }],
                ['A', 30, null, { date: '2024-01-03' }],
              ],
            },
          },
          {
            at: 'G1',
            table: {
              name: 'Wild',
              columns: [
                { name: 'Payer', type: 'text' },
                { name: 'Amount', type: 'integer' },
              ],
              rows: [
                ['A*', 1],
                ['AB', 2],
                ['A?~', 4],
              ],
            },
          },
        ],
      },
      {
        name: 'Forms',
        cells: [
          { at: 'D1', formula: 'SUM(Charges[Amount])', expected: 60 },
          ...formulaForms.flatMap(([formula, expected], i) => [
            { at: `A${i + 2}`, value: formula.replace(/^[=+\-@']/, "'$&") },
            { at: `B${i + 2}`, formula, expected },
          ]),
        ],
        tables: [],
      },
    ],
  };
}
