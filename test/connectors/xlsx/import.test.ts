import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { cellText } from '../../../connectors/xlsx';
import type { Appointment, ChargeLine } from '../../../core/model';
import { summarize } from '../../../core/source';
import { codes, importBytes } from '../helpers';

async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('connectors/xlsx', () => {
  describe('cellText', () => {
    it('turns cell values into the text an export would hold', () => {
      assert.equal(cellText(12345), '12345');
      assert.equal(cellText(0.1 + 0.2), '0.3');
      assert.equal(cellText(1234567893), '1234567893');
      assert.equal(cellText(2108, '00000'), '02108');
      assert.equal(cellText(new Date(Date.UTC(2024, 2, 5))), '2024-03-05');
      assert.equal(cellText(new Date(Date.UTC(2024, 2, 5, 14, 30, 0))), '2024-03-05T14:30:00');
      assert.equal(cellText({ richText: [{ text: 'Dr ' }, { text: 'Jones', font: { bold: true } }] }), 'Dr Jones');
      assert.equal(cellText({ formula: 'A1*2', result: 42 }), '42');
      assert.equal(cellText(true), 'TRUE');
      assert.equal(cellText(null), '');
    });
  });

  describe('importWorkbook', () => {
    it('reads a PM report sheet below a title, with dates, numbers, rich text and zero-padded ids', async () => {
      const bytes = await workbookBytes((wb) => {
        wb.addWorksheet('Notes').addRow(['This workbook was exported on 2024-04-01']);
        const ws = wb.addWorksheet('Charges');
        ws.addRow(['Charge report, March 2024']);
        ws.addRow([]);
        ws.addRow(['Patient Acct #', 'Claim #', 'DOS', 'CPT', 'Mod 1', 'Units', 'Charges', 'Ins Pmt', 'Rendering Provider', 'POS']);
        const a = ws.addRow(['00417', 90001, new Date(Date.UTC(2024, 2, 4)), '99214', '25', 1, 127.5, 80.1, { richText: [{ text: 'Samplestone, ' }, { text: 'Parker' }] }, 11]);
        a.getCell(2).numFmt = '000000';
        ws.addRow(['00418', 90002, new Date(Date.UTC(2024, 2, 31)), 99213, null, 2, { formula: '50*2', result: 100 }, 0, 'Fictionby, Casey', '11']);
      });
      const r = await importBytes('march.xlsx', bytes);
      assert.equal(r.format, 'xlsx');
      assert.equal(r.profile, 'pm-report');
      assert.equal(r.rowsRead, 2);
      assert.equal(r.recordsImported, 2);
      const [a, b] = r.records.filter((x): x is ChargeLine => x.type === 'charge');
      assert.equal(a?.claimId, '090001');
      assert.equal(b?.claimId, '90002');
      assert.equal(a?.serviceDate, '2024-03-04');
      assert.equal(b?.serviceDate, '2024-03-31');
      assert.equal(b?.procedureCode, '99213');
      assert.equal(a?.renderingProviderName, 'Samplestone, Parker');
      assert.equal(a?.placeOfService, '11');
      assert.equal(a?.lineage.line, 4, 'the sheet row number');
      assert.equal(summarize(r).chargeCents, 12750 + 10000);
      assert.equal(summarize(r).paymentCents, 8010);
      assert.ok(r.issues.some((i) => i.code === 'preamble-skipped' && i.location.sheet === 'Charges'));
    });

    it('imports every recognised sheet of a workbook', async () => {
      const bytes = await workbookBytes((wb) => {
        const p = wb.addWorksheet('providers');
        p.addRow(['provider_id', 'name', 'npi', 'specialty']);
        p.addRow(['PRV001', 'Dr. Parker Samplestone', 1987568940, 'Family Medicine']);
        const a = wb.addWorksheet('appointments');
        a.addRow(['key', 'appointment_id', 'scheduled_for', 'status', 'booked_at']);
        a.addRow(['S1', 'S1', new Date(Date.UTC(2024, 10, 1, 8, 30)), 'no_show', '2024-10-25T14:26:24']);
      });
      const r = await importBytes('export.xlsx', bytes);
      assert.equal(r.profile, 'canonical-providers, canonical-appointments');
      assert.equal(r.rowsRead, 2);
      assert.deepEqual(summarize(r).recordsByType, { provider: 1, appointment: 1 });
      const appt = r.records.find((x): x is Appointment => x.type === 'appointment');
      assert.equal(appt?.scheduledFor, '2024-11-01T08:30:00');
      assert.equal((r.records[0] as { npi?: string }).npi, '1987568940');
    });

    it('reports a sheet it does not know, and a zip that is not a workbook', async () => {
      const bytes = await workbookBytes((wb) => {
        const ws = wb.addWorksheet('Sheet1');
        ws.addRow(['Colour', 'Shape']);
        ws.addRow(['red', 'round']);
      });
      const r = await importBytes('things.xlsx', bytes);
      assert.deepEqual(codes(r), ['unknown-layout']);
      assert.equal(r.rowsRejected, 1);
      const broken = await importBytes('broken.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
      assert.deepEqual(codes(broken), ['file-unreadable']);
      assert.match(broken.issues[0]?.message ?? '', /workbook could not be opened/);
    });
  });
});
