/** The Definitions sheet, rendered from the KPI modules and the fact-table measure definitions. */
import { factMeasures } from '../../aggregate/definitions';
import type { KpiDefinition } from '../../kpi';
import type { PlanSheet } from '../types';
import { SHEETS } from './shared';

export function definitionsSheet(list: readonly KpiDefinition[]): PlanSheet {
  const kpiRows = list.map((k) => [
    k.id,
    k.label,
    k.group,
    k.unit === 'ratio' ? 'ratio (shown as %)' : k.unit === 'money' ? 'money ($)' : k.unit,
    k.formulaText,
    k.numeratorText,
    k.denominatorText ?? '',
    k.dateBasis,
    k.inclusion,
    k.source,
    k.direction === 'higher' ? 'higher' : k.direction === 'lower' ? 'lower' : 'neither',
  ]);
  const measureRow = 6 + kpiRows.length + 3;
  return {
    name: SHEETS.definitions,
    cells: [
      { at: 'A1', value: 'KPI definitions', style: 'title' },
      { at: 'A2', value: 'Each KPI of this workbook, as computed; the same text is in the KPI modules of Practice Workbench.', style: 'note' },
      { at: `A${measureRow - 1}`, value: 'Data columns the formulas sum (Data sheet)', style: 'subtitle' },
    ],
    tables: [
      {
        at: 'A4',
        table: {
          name: 'KpiDefinitions',
          theme: 'TableStyleLight9',
          columns: [
            { name: 'Id', type: 'text', width: 26 },
            { name: 'KPI', type: 'text', width: 30 },
            { name: 'Group', type: 'text', width: 16 },
            { name: 'Unit', type: 'text', width: 12 },
            { name: 'Formula', type: 'text', width: 40 },
            { name: 'Numerator', type: 'text', width: 40 },
            { name: 'Denominator', type: 'text', width: 40 },
            { name: 'Date basis', type: 'text', width: 28 },
            { name: 'Inclusion', type: 'text', width: 50 },
            { name: 'Source', type: 'text', width: 50 },
            { name: 'Better when', type: 'text', width: 10 },
          ],
          rows: kpiRows,
        },
      },
      {
        at: `A${measureRow}`,
        table: {
          name: 'MeasureDefinitions',
          theme: 'TableStyleLight9',
          columns: [
            { name: 'Column', type: 'text', width: 26 },
            { name: 'Unit', type: 'text', width: 10 },
            { name: 'Date basis', type: 'text', width: 28 },
            { name: 'As SQL over the canonical records', type: 'text', width: 60 },
          ],
          rows: factMeasures.map((m) => [m.column, m.unit === 'money' ? 'dollars' : m.unit, m.dateBasis, m.sql]),
        },
      },
    ],
    merges: ['A1:F1', 'A2:F2'],
    frozen: { rows: 4, columns: 2 },
  };
}
