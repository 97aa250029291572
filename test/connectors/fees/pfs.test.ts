import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { importFeeFile } from '../../../connectors/fees/index';
import { sourceFromBytes } from '../../../connectors/source';
import type { Gpci, MedicareRvu } from '../../../core/model';
import { fixture } from '../../support/paths';

const load = async (name: string) => importFeeFile(sourceFromBytes(name, readFileSync(fixture('cms_pfs', name))));

describe('connectors/fees/pfs', () => {
  describe('readRvuRows (PPRRVU25_JAN1.csv)', () => {
    it('skips the 9 title and header rows and reads every data row', async () => {
      const result = await load('PPRRVU25_JAN1.csv');
      const text = readFileSync(fixture('cms_pfs', 'PPRRVU25_JAN1.csv'), 'latin1');
      // Independent count: physical lines after the HCPCS header whose first field is not empty.
      const lines = text.split(/\r?\n/);
      const header = lines.findIndex((l) => l.startsWith('HCPCS,MOD,'));
      assert.equal(header, 9);
      const dataLines = lines.slice(header + 1).filter((l) => /^[A-Z0-9]/.test(l.split(',')[0] ?? ''));
      assert.equal(result.profile, 'cms-pprrvu');
      assert.equal(result.recordsImported, dataLines.length);
      assert.equal(result.rowsRejected, 0);
      assert.ok(result.issues.some((i) => i.code === 'preamble-skipped'));
    });

    it('reads 71046 and its own 26 and TC rows with RVUs, indicators and the conversion factor', async () => {
      const result = await load('PPRRVU25_JAN1.csv');
      const rows = result.records as MedicareRvu[];
      const find = (mod: string) => rows.find((r) => r.procedureCode === '71046' && r.modifier === mod);
      assert.deepEqual(
        [find('')?.workRvu, find('')?.nonFacilityPeRvu, find('')?.facilityPeRvu, find('')?.mpRvu, find('')?.pcTcIndicator],
        [0.22, 0.77, 0.77, 0.02, '1'],
      );
      assert.deepEqual([find('26')?.workRvu, find('26')?.nonFacilityPeRvu, find('26')?.mpRvu], [0.22, 0.08, 0.01]);
      assert.deepEqual([find('TC')?.workRvu, find('TC')?.nonFacilityPeRvu, find('TC')?.mpRvu], [0, 0.69, 0.01]);
      assert.equal(find('')?.conversionFactor, 32.3465);
      assert.equal(find('')?.year, 2025);
      const knee = rows.find((r) => r.procedureCode === '27447' && r.modifier === '');
      assert.deepEqual([knee?.nonFacilityNa, knee?.multipleProcedureIndicator, knee?.bilateralIndicator, knee?.globalDays], [true, '2', '1', '90']);
    });
  });

  describe('readGpciRows (GPCI2025.csv)', () => {
    it('reads every locality, with MAC and locality numbers padded, and skips the footnotes', async () => {
      const result = await load('GPCI2025.csv');
      const rows = result.records as Gpci[];
      const text = readFileSync(fixture('cms_pfs', 'GPCI2025.csv'), 'latin1');
      const localityLines = text.split(/\r?\n/).filter((l) => /^\d+,[A-Z]{2},\d+,/.test(l));
      assert.equal(rows.length, localityLines.length);
      assert.equal(result.rowsRejected, 0);
      const manhattan = rows.find((r) => r.localityName === 'MANHATTAN');
      assert.deepEqual([manhattan?.locality, manhattan?.workGpci, manhattan?.peGpci, manhattan?.mpGpci, manhattan?.year], ['13202-01', 1.065, 1.166, 1.656, 2025]);
      assert.equal(rows.find((r) => r.state === 'AK')?.localityName, 'ALASKA');
    });
  });
});
