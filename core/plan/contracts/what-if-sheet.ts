/**
 * The What-if sheet: for each payer, last year's revenue at today's rates, and at a proposed
 * percent of Medicare typed into an INPUT cell (kept across refreshes by its user key). Everything
 * else is a live formula over the WhatIfVolumes table and the Medicare sheet.
 */
import { exactCriterion } from '../formula';
import { currentPercentOfMedicare, whatIf, whatIfRateChange, type VolumeRow } from '../../contracts/what-if';
import { sanitizeText } from '../sanitize';
import type { Placed, PlanSheet } from '../types';
import { MEDICARE_TABLE } from './medicare-sheet';
import { codeKey, dollars, SHEETS } from './shared';

export const VOLUMES_TABLE = 'WhatIfVolumes';
export const WHAT_IF_FIRST_ROW = 6;

/** The user key of a payer's proposed-percent input cell. */
export const whatIfKey = (payer: string) => `whatif-percent:${payer}`;
/** The user key of a payer's proposed across-the-board rate change. */
export const rateChangeKey = (payer: string) => `whatif-rate-change:${payer}`;

/** The proposal a fresh workbook starts with: the contract's percent, else today's effective percent (one decimal), else 100 %. */
export function defaultProposal(volumes: readonly VolumeRow[], payer: string, contractPercent: number | undefined): number {
  if (contractPercent !== undefined) return contractPercent;
  const current = currentPercentOfMedicare(volumes, payer);
  return current === null ? 100 : Math.round(current * 10) / 10;
}

export interface WhatIfInput {
  readonly payers: readonly { readonly payer: string; readonly contractPercent: number | undefined }[];
  readonly volumes: readonly VolumeRow[];
  readonly volumeWindow: string;
  /** Proposed percents the user already typed (by payer), kept across refreshes. */
  readonly proposals?: ReadonlyMap<string, number> | undefined;
  /** Proposed rate changes in percent (by payer), kept across refreshes. */
  readonly rateChanges?: ReadonlyMap<string, number> | undefined;
}

export function whatIfSheet(input: WhatIfInput): PlanSheet {
  const payers = input.payers.filter((p) => input.volumes.some((v) => v.payer === p.payer));
  const tableAt = WHAT_IF_FIRST_ROW + Math.max(payers.length, 1) + 3;
  const V = VOLUMES_TABLE;
  const cells: Placed[] = [
    { at: 'A1', value: 'What-if: a proposed percent of Medicare', style: 'title' },
    {
      at: 'A2',
      value: `Type a proposed percent of Medicare, or a change to every current rate, per payer (yellow cells). Revenue is on last year's units (${input.volumeWindow}); under a percent of Medicare, a code Medicare does not price keeps its current rate.`,
      style: 'note',
    },
    ...['Payer', 'Units', 'Revenue at current rates', 'Current % of Medicare', 'Proposed % of Medicare', 'Revenue at proposal', 'Annual change', 'Change %', 'Proposed rate change', 'Revenue at changed rates', 'Annual change (rates)'].map(
      (label, i): Placed => ({ at: `${String.fromCharCode(65 + i)}${WHAT_IF_FIRST_ROW - 1}`, value: label, style: 'header' }),
    ),
  ];
  payers.forEach((p, i) => {
    const row = WHAT_IF_FIRST_ROW + i;
    const proposal = input.proposals?.get(p.payer) ?? defaultProposal(input.volumes, p.payer, p.contractPercent);
    const result = whatIf(input.volumes, p.payer, proposal);
    const current = currentPercentOfMedicare(input.volumes, p.payer);
    const mask = `(${V}[Payer]=$A${row})`;
    cells.push(
      { at: `A${row}`, value: sanitizeText(p.payer), style: 'label' },
      { at: `B${row}`, formula: `SUMIFS(${V}[Units],${V}[Payer],${exactCriterion(`$A${row}`)})`, expected: result.units, format: 'integer' },
      { at: `C${row}`, formula: `SUMIFS(${V}[Current revenue],${V}[Payer],${exactCriterion(`$A${row}`)})`, expected: dollars(result.currentCents), format: 'money' },
      {
        at: `D${row}`,
        formula: `IF(SUMPRODUCT(${mask}*${V}[Priced]*${V}[Units]*${V}[Medicare allowed])=0,"",SUMPRODUCT(${mask}*(${V}[Medicare allowed]>0)*${V}[Current revenue])/SUMPRODUCT(${mask}*${V}[Priced]*${V}[Units]*${V}[Medicare allowed]))`,
        expected: current === null ? null : current / 100,
        format: 'percent',
      },
      { at: `E${row}`, value: proposal / 100, format: 'percent', style: 'input', userKey: whatIfKey(p.payer), note: 'Your proposal: kept when the workbook is rebuilt' },
      {
        at: `F${row}`,
        formula: `SUMPRODUCT(${mask}*${V}[Units]*ROUND(${V}[Medicare allowed]*$E${row},2))+SUMPRODUCT(${mask}*(${V}[Medicare allowed]=0)*${V}[Current revenue])`,
        expected: dollars(result.proposedCents),
        format: 'money',
      },
      { at: `G${row}`, formula: `F${row}-C${row}`, expected: dollars(result.changeCents), format: 'money', style: 'total' },
      { at: `H${row}`, formula: `IF(C${row}=0,"",G${row}/C${row})`, expected: result.currentCents === 0 ? null : result.changeCents / result.currentCents, format: 'percent' },
    );
    const change = input.rateChanges?.get(p.payer) ?? 0;
    const byRates = whatIfRateChange(input.volumes, p.payer, change);
    cells.push(
      { at: `I${row}`, value: change / 100, format: 'percent', style: 'input', userKey: rateChangeKey(p.payer), note: 'A change to every current rate (3% = all rates × 1.03): kept when the workbook is rebuilt' },
      { at: `J${row}`, formula: `SUMPRODUCT(${mask}*${V}[Units]*ROUND(${V}[Current rate]*(1+$I${row}),2))`, expected: dollars(byRates.proposedCents), format: 'money' },
      { at: `K${row}`, formula: `J${row}-C${row}`, expected: dollars(byRates.changeCents), format: 'money', style: 'total' },
    );
  });
  if (payers.length === 0) cells.push({ at: `A${WHAT_IF_FIRST_ROW}`, value: 'No volumes: import last year\'s 835 files.', style: 'note' });
  cells.push({ at: `A${tableAt - 1}`, value: 'Last year\'s units by payer and code', style: 'subtitle' });
  return {
    name: SHEETS.whatIf,
    cells,
    tables:
      input.volumes.length === 0
        ? []
        : [
            {
              at: `A${tableAt}`,
              table: {
                name: V,
                theme: 'TableStyleLight9',
                columns: [
                  { name: 'Payer', type: 'text', width: 30 },
                  { name: 'Code', type: 'text', width: 9 },
                  { name: 'Modifier', type: 'text', width: 9 },
                  { name: 'Key', type: 'text', width: 12 },
                  { name: 'Units', type: 'number', format: 'decimal1', width: 9 },
                  { name: 'Current rate', type: 'money', format: 'money', width: 13 },
                  { name: 'Priced', type: 'integer', format: '0', width: 7, note: '1 when a contract prices the code today' },
                  {
                    name: 'Medicare allowed',
                    type: 'money',
                    format: 'money',
                    width: 13,
                    formula: `SUMIFS(${MEDICARE_TABLE}[Non-facility allowed],${MEDICARE_TABLE}[Key],${exactCriterion(`[@Key]`)})`,
                    expected: input.volumes.map((v) => dollars(v.medicareCents ?? 0)),
                  },
                  { name: 'Current revenue', type: 'money', format: 'money', width: 15, formula: '[@Units]*N([@[Current rate]])', expected: input.volumes.map((v) => dollars(v.units * (v.rateCents ?? 0))) },
                ],
                rows: input.volumes.map((v) => [
                  sanitizeText(v.payer), sanitizeText(v.code), sanitizeText(v.modifier), sanitizeText(codeKey(v.code, v.modifier)), v.units, dollars(v.rateCents),
                  v.rateCents === null ? 0 : 1, null, null,
                ]),
              },
            },
          ],
    columnWidths: { A: 32, B: 10, C: 16, D: 14, E: 14, F: 16, G: 15, H: 10, I: 14, J: 16, K: 16 },
  };
}
