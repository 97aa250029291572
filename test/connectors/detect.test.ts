import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { detect } from '../../connectors/detect';
import { fixture } from '../support/paths';

const head = (path: string) => new Uint8Array(readFileSync(path).subarray(0, 64 * 1024));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('connectors/detect', () => {
  describe('detect', () => {
    it('refuses images and documents with a reason', () => {
      const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      const d = detect(png, 'report.csv');
      assert.equal(d.format, 'unknown');
      assert.match(d.reason, /PNG image/);
      assert.match(detect(bytes('%PDF-1.7\n...'), 'a.pdf').reason, /PDF/);
      assert.match(detect(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), 'a.jpg').reason, /JPEG/);
      assert.match(detect(bytes('GIF89a..'), 'a.gif').reason, /GIF/);
      assert.equal(detect(Uint8Array.from([1, 2, 0, 0, 7, 8, 0, 9, 0, 0]), 'x.bin').format, 'unknown');
      assert.equal(detect(new Uint8Array(0), 'empty.csv').format, 'unknown');
      assert.match(detect(bytes('<!DOCTYPE html>\n<html><body>Report</body></html>'), 'report.xls').reason, /HTML/);
    });
    it('sends zip containers to the workbook reader and refuses .xls with advice', () => {
      assert.equal(detect(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0]), 'charges.xlsx').format, 'xlsx');
      const xls = detect(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'charges.xls');
      assert.equal(xls.format, 'xls');
      assert.match(xls.reason, /save it as \.xlsx or CSV/);
    });
    it('recognises every 835 and 837 fixture, with or without ISA, BOM or indentation', () => {
      for (const f of readdirSync(fixture('x12_835'))) assert.equal(detect(head(fixture('x12_835', f)), f).format, 'x12-835', f);
      for (const f of readdirSync(fixture('x12_837p'))) assert.equal(detect(head(fixture('x12_837p', f)), f).format, 'x12-837p', f);
    });
    it('reads a bare ST with any element separator', () => {
      assert.equal(detect(bytes('\uFEFF\r\n  ST|835|0001~BPR|I'), 'r.txt').format, 'x12-835');
      assert.equal(detect(bytes('ISA*00*...~GS*HC*A*B*20240101*1200*1*X*005010X223A2~ST*837*1~'), 'i.txt').format, 'x12');
    });
    it('tells FHIR bundles, single resources and NDJSON apart', () => {
      const dir = fixture('fhir_r4', 'synthea_bundles');
      for (const f of readdirSync(dir)) assert.equal(detect(head(`${dir}/${f}`), f).format, 'fhir-bundle', f);
      const nd = fixture('fhir_r4', 'bulk_ndjson_10_patients');
      for (const f of readdirSync(nd)) assert.equal(detect(head(`${nd}/${f}`), f).format, 'fhir-ndjson', f);
      assert.equal(detect(bytes('{\n  "resourceType": "Patient",\n  "id": "1"\n}\n'), 'p.json').format, 'fhir-resource');
      assert.equal(detect(bytes('{"a": 1}\n'), 'config.json').format, 'unknown');
    });
    it('sniffs the delimiter of text, honouring quotes', () => {
      assert.equal(detect(head(fixture('epic_ehi_billing', 'ARPB_TRANSACTIONS.tsv')), 'ARPB_TRANSACTIONS.tsv').format, 'tsv');
      assert.equal(detect(head(fixture('synthea_csv', 'claims_transactions.csv')), 'claims_transactions.csv').format, 'csv');
      const quoted = 'a;b;c\n"x,y,z";2;3\n"p,q";5;6\n';
      assert.match(detect(bytes(quoted), 'semi.txt').reason, /semicolon/);
      assert.match(detect(bytes('a|b|c\n1|2|3\n'), 'pipe.txt').reason, /pipe/);
      // A CMS file: title lines above a comma-separated header.
      assert.equal(detect(head(fixture('cms_pfs', 'PPRRVU25_JAN1.csv')), 'PPRRVU25_JAN1.csv').format, 'csv');
    });
    it('detects UTF-16 text', () => {
      const text = 'a\tb\n1\t2\n';
      const le = new Uint8Array(2 + text.length * 2);
      le[0] = 0xff;
      le[1] = 0xfe;
      for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
      assert.equal(detect(le, 'u16.txt').format, 'tsv');
    });
  });
});
