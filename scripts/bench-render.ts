/**
 * How long render/xlsx takes on a large fact table, and (with --libreoffice) how long LibreOffice
 * takes to open, recalculate and save it, with every formula compared to its expected value:
 *   node --import tsx scripts/bench-render.ts [--rows 100000] [--summary-cells 600] [--libreoffice]
 * The table has the grain of the KPI data tables (month × provider × location × payer class × payer ×
 * procedure) and a calculated column; a summary sheet holds SUMIFS cells over it, like the KPI sheets.
 * Expected values are computed here with plain loops, independently of the renderer.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CellValue, Placed, WorkbookPlan } from '../core/plan/types';
import { renderXlsx } from '../render/xlsx';
import { compareWithPlan, describeMismatches, recalculate } from '../test/support/libreoffice';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const rowCount = option('rows', 100_000);
const summaryCells = option('summary-cells', 600);
const withLibreOffice = process.argv.includes('--libreoffice');

const months = Array.from({ length: 24 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
const providers = Array.from({ length: 15 }, (_, i) => `Provider ${String.fromCharCode(65 + i)}`);
const payers = ['Medicare', 'Medicaid', 'Aetna', 'BCBS', 'Cigna', 'UHC', 'Humana', 'Self-pay'];

const rows: CellValue[][] = [];
const rates: (number | null)[] = [];
/** Cents per (month index, provider index), for the summary's expected values. */
const paidCents = new Map<string, number>();
for (let i = 0; i < rowCount; i += 1) {
  const m = i % months.length;
  const p = Math.floor(i / months.length) % providers.length;
  const chargeCents = 5_000 + ((i * 7919) % 90_000);
  const payCents = Math.floor((chargeCents * (40 + (i % 50))) / 100);
  rows.push([{ date: months[m] ?? '' }, providers[p] ?? '', `Site ${i % 4}`, i % 3 === 0 ? 'Government' : 'Commercial', payers[i % payers.length] ?? '', `992${i % 10}${i % 6}`, chargeCents / 100, payCents / 100, 1 + (i % 3), null]);
  rates.push(payCents / chargeCents);
  paidCents.set(`${m}|${p}`, (paidCents.get(`${m}|${p}`) ?? 0) + payCents);
}

const cells: Placed[] = [];
for (let k = 0; k < summaryCells; k += 1) {
  const m = k % months.length;
  const p = Math.floor(k / months.length) % providers.length;
  const row = k + 2;
  cells.push({ at: `A${row}`, value: { date: months[m] ?? '' }, format: 'month' });
  cells.push({ at: `B${row}`, value: providers[p] ?? '' });
  cells.push({ at: `C${row}`, formula: 'SUMIFS(Facts[Payments],Facts[Month],A' + row + ',Facts[Provider],"="&B' + row + ')', expected: (paidCents.get(`${m}|${p}`) ?? 0) / 100, format: 'money' });
}

const plan: WorkbookPlan = {
  kind: 'kpi',
  title: `Render benchmark, ${rowCount} rows`,
  shareSafe: true,
  namedRanges: [],
  sheets: [
    { name: 'Summary', cells, tables: [], frozen: { rows: 1, columns: 0 } },
    {
      name: 'Data tables',
      cells: [],
      tables: [
        {
          at: 'A1',
          table: {
            name: 'Facts',
            columns: [
              { name: 'Month', type: 'date', format: 'month' },
              { name: 'Provider', type: 'text' },
              { name: 'Location', type: 'text' },
              { name: 'Payer class', type: 'text' },
              { name: 'Payer', type: 'text' },
              { name: 'Procedure', type: 'text' },
              { name: 'Charges', type: 'money' },
              { name: 'Payments', type: 'money' },
              { name: 'Encounters', type: 'integer' },
              { name: 'Collection rate', type: 'percent', formula: 'IFERROR([@Payments]/[@Charges],"")', expected: rates },
            ],
            rows,
          },
        },
      ],
    },
  ],
};

const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const bytes = await renderXlsx(plan);
const renderMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const path = join(tmpdir(), `bench-render-${rowCount}.xlsx`);
writeFileSync(path, bytes);
console.log(
  `render: ${rowCount} rows × 10 columns + ${summaryCells} SUMIFS cells in ${(renderMs / 1000).toFixed(1)} s ` +
    `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; wall time suffers when other processes share the cores); ` +
    `${(bytes.length / 1e6).toFixed(1)} MB; heap +${Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6)} MB, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB → ${path}`,
);

if (withLibreOffice) {
  const t = performance.now();
  const recalculated = await recalculate(bytes);
  const lo = performance.now() - t;
  const mismatches = compareWithPlan(plan, recalculated);
  console.log(`libreoffice: open + recalculate + save + read back in ${(lo / 1000).toFixed(1)} s; ${mismatches.length} mismatches`);
  if (mismatches.length > 0) console.log(describeMismatches(mismatches, 10));
}
