import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sourceFromPath } from '../../../cli/files';
import { generateLarge } from '../../../cli/demo/write-csv';
import { importSource } from '../../../connectors/index';
import { createAggregator } from '../../../core/aggregate/stream';
import { buildKpiWorkbook } from '../../../core/plan/kpi-workbook';
import { sanitizeText } from '../../../core/plan/sanitize';
import type { CellValue, WorkbookPlan } from '../../../core/plan/types';
import { renderXlsx } from '../../../render/xlsx';
import { compareWithPlan, describeMismatches, recalculateMany, type RecalculatedWorkbook } from '../../support/libreoffice';

/** Text a reader must show exactly as written: formula starts, markup, XML-significant spaces, non-ASCII. */
const texts = ['=SUM(A1:A9)', '+1+1', '-3', '@Aetna', '\tTab', '\rCR', "'quoted", '<b>&"amp"\'', '  padded  ', 'two\nlines', 'Dr Müller — 東京 🩺', ''];
const created = new Date(Date.UTC(2024, 2, 1));

/**
 * A sheet whose table rows hold every kind of value the direct writer handles, with a calculated
 * column (number, text, boolean and blank results), a second table below it and a cell below both;
 * and a sheet where a cell beside the table keeps its rows on exceljs.
 */
function rowsPlan(): WorkbookPlan {
  const rows: CellValue[][] = [];
  const rates: (number | string | boolean | null)[] = [];
  for (let i = 0; i < 40; i += 1) {
    const charge = i % 7 === 0 ? 0 : 100 + i * 12.5;
    rows.push([
      sanitizeText(texts[i % texts.length] ?? ''),
      i % 5 === 0 ? null : { date: `2024-${String((i % 12) + 1).padStart(2, '0')}-01` },
      charge,
      i % 3 === 0 ? null : -i / 4,
      i % 2 === 0,
      i % 4 === 0 ? null : `P${i}`,
      null,
    ]);
    rates.push(charge === 0 ? null : i % 6 === 1 ? 'check' : i % 6 === 2 ? i % 4 === 2 : i % 3 === 0 ? 0 : -i / 4 / charge);
  }
  return {
    kind: 'kpi',
    title: 'Direct table rows',
    shareSafe: true,
    namedRanges: [],
    sheets: [
      {
        name: 'Rows',
        cells: [
          { at: 'A1', value: 'Rows', style: 'title' },
          { at: 'A2', value: 'Every kind of value', style: 'note' },
          { at: 'B60', formula: 'SUM(Rows[Charges])', expected: rows.reduce((n, r) => n + Number(r[2]), 0), format: 'money' },
          { at: 'C60', formula: 'COUNTIFS(Rows[Name],"=+1+1")', expected: 4, format: 'integer' },
        ],
        tables: [
          {
            at: 'A4',
            table: {
              name: 'Rows',
              rowKey: ['Name', 'Month'],
              columns: [
                { name: 'Name', type: 'text', note: 'Imported text' },
                { name: 'Month', type: 'date', format: 'month' },
                { name: 'Charges', type: 'money' },
                { name: 'Adjustment', type: 'number', format: 'decimal2' },
                { name: 'Flag', type: 'boolean' },
                { name: 'Key', type: 'text', userOwned: true },
                { name: 'Result', type: 'number', formula: 'IF([@Charges]=0,"",IF(MOD(ROW()-5,6)=1,"check",IF(MOD(ROW()-5,6)=2,MOD(ROW()-5,4)=2,[@Adjustment]/[@Charges])))', expected: rates },
              ],
              rows,
            },
          },
          {
            at: 'A50',
            table: {
              name: 'Below',
              theme: 'TableStyleMedium9',
              columns: [
                { name: 'Code', type: 'text' },
                { name: 'Units', type: 'integer' },
              ],
              rows: [
                ['99213', 3],
                ['99214', 1],
                [sanitizeText('=HYPERLINK("http://x","y")'), 2],
              ],
            },
          },
        ],
        frozen: { rows: 4, columns: 1 },
      },
      {
        name: 'Beside',
        cells: [{ at: 'E3', value: 'beside the rows', style: 'label' }],
        tables: [
          {
            at: 'A1',
            table: {
              name: 'Beside',
              columns: [
                { name: 'Text', type: 'text' },
                { name: 'Amount', type: 'money' },
              ],
              rows: [
                ['a', 1],
                ['b', 2],
                ['c', 3],
              ],
            },
          },
        ],
      },
    ],
  };
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Everything a reader sees in one cell. */
function cellFacts(cell: ExcelJS.Cell): string {
  return JSON.stringify({ value: cell.value, numFmt: cell.numFmt, font: cell.font, fill: cell.fill, border: cell.border, alignment: cell.alignment, note: cell.note });
}

/**
 * Every cell with a value on every sheet, and every table's range, as address → facts. An empty
 * text is left out: exceljs reads a shared "" as "" but an inline "" as no value (its reader takes
 * the value from the text it sees); both are an empty text cell in the file.
 */
function contents(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== '') out.set(`${ws.name}!${cell.address}`, cellFacts(cell));
      }),
    );
    for (const table of ws.getTables() as unknown as { table: { name: string; tableRef: string; ref: string } }[]) out.set(`${ws.name}#${table.table.name}`, table.table.tableRef ?? table.table.ref);
  });
  return out;
}

function assertSameContents(direct: Map<string, string>, reference: Map<string, string>): void {
  const differing = [...new Set([...direct.keys(), ...reference.keys()])].filter((key) => direct.get(key) !== reference.get(key));
  assert.deepEqual(
    differing.slice(0, 5).map((key) => ({ key, direct: direct.get(key), exceljs: reference.get(key) })),
    [],
    `${differing.length} cell(s) differ`,
  );
  assert.ok(reference.size > 0);
}

/** A 3,000-line demo practice through the streaming pipeline, as the CLI builds it. */
async function demoKpiPlan(dir: string): Promise<WorkbookPlan> {
  await generateLarge({ chargeLines: 3_000, outDir: dir, transactions: true, appointments: true });
  const aggregator = createAggregator();
  for (const name of ['charges.csv', 'transactions.csv', 'appointments.csv']) {
    aggregator.addResult(await importSource(sourceFromPath(join(dir, name)), { onRecords: aggregator.sink(name) }));
  }
  const { dataset, aggregates } = aggregator.finish();
  return buildKpiWorkbook(dataset, { generatedBy: 'test' }, aggregates);
}

describe('render/xlsx/table-rows (table rows written directly)', function () {
  this.timeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'table-rows-'));
  let kpiPlan: WorkbookPlan;
  let recalculated: [RecalculatedWorkbook, RecalculatedWorkbook];
  after(() => rmSync(dir, { recursive: true, force: true }));

  before(async () => {
    kpiPlan = await demoKpiPlan(dir);
    recalculated = (await recalculateMany([await renderXlsx(rowsPlan(), { created }), await renderXlsx(kpiPlan, { created })])) as [RecalculatedWorkbook, RecalculatedWorkbook];
  });

  it('gives exceljs the same cells, styles, notes and table ranges as the exceljs path', async () => {
    const [direct, reference] = await Promise.all([load(await renderXlsx(rowsPlan(), { created })), load(await renderXlsx(rowsPlan(), { created, tableRows: 'exceljs' }))]);
    assertSameContents(contents(direct), contents(reference));
  });

  it('writes imported text as literal text, never a formula, in rows after the first', async () => {
    const ws = (await load(await renderXlsx(rowsPlan(), { created }))).getWorksheet('Rows');
    // Row 5 is the first data row (exceljs writes it); rows 6 on are written directly. XML readers
    // read a CR in text as a line feed, on this path as on exceljs's; an empty text reads as no value.
    texts.forEach((text, i) => {
      const cell = ws?.getCell(`A${5 + i}`);
      assert.equal(cell?.formula, undefined);
      assert.equal(cell?.value, text === '' ? null : text.replace(/\r/g, '\n'), `A${5 + i}`);
    });
    assert.equal(ws?.getCell('A53').value, '=HYPERLINK("http://x","y")');
  });

  it('recalculates in LibreOffice to every expected value, text kept literal', () => {
    const [rows] = recalculated;
    const mismatches = compareWithPlan(rowsPlan(), rows);
    assert.equal(mismatches.length, 0, describeMismatches(mismatches));
    assert.equal(rows.value('Rows', 'A6'), '+1+1');
    assert.equal(rows.value('Rows', 'A12'), '<b>&"amp"\'');
    assert.equal(rows.value('Rows', 'A15'), 'Dr Müller — 東京 🩺');
  });

  it('renders the KPI workbook of a demo practice as the exceljs path does', async () => {
    const [direct, reference] = await Promise.all([load(await renderXlsx(kpiPlan, { created })), load(await renderXlsx(kpiPlan, { created, tableRows: 'exceljs' }))]);
    assertSameContents(contents(direct), contents(reference));
    const facts = direct.getWorksheet('Data');
    assert.ok((facts?.rowCount ?? 0) > 100, 'the Facts table has rows beyond the first');
  });

  it('recalculates the KPI workbook of a demo practice in LibreOffice to every expected value', () => {
    const mismatches = compareWithPlan(kpiPlan, recalculated[1]);
    assert.equal(mismatches.length, 0, describeMismatches(mismatches));
  });
});
