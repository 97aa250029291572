import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { importFeeFile } from '../../../connectors/fees/index';
import { sourceFromBytes } from '../../../connectors/source';
import { medicareFee, medicareIndex, type MedicareIndex } from '../../../core/contracts/medicare';
import type { Gpci, MedicareRvu } from '../../../core/model';
import { fixture } from '../../support/paths';

/** A CSV line split by hand (quoted fields may hold commas): independent of the connector. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    }
    else cur += c;
  }
  out.push(cur);
  return out;
}

const lines = (name: string) => readFileSync(fixture('cms_pfs', name), 'latin1').split(/\r?\n/).map(fields);

/**
 * The CMS formula by hand, in integers: RVUs in hundredths, GPCIs in thousandths, the conversion
 * factor in ten-thousandths, so the product is exact in units of 1e-9 dollars (1e-7 cents); one
 * rounding to the cent, half away from zero.
 */
function byHand(rvu: string[], gpci: string[], facility: boolean): number {
  const hundredths = (s: string) => Math.round(Number(s) * 100);
  const thousandths = (s: string) => Math.round(Number(s) * 1000);
  const work = hundredths(rvu[5] ?? '');
  const pe = hundredths((facility ? rvu[8] : rvu[6]) ?? '');
  const mp = hundredths(rvu[10] ?? '');
  const cf = Math.round(Number(rvu[24]) * 10000);
  const adjusted = work * thousandths(gpci[4] ?? '') + pe * thousandths(gpci[5] ?? '') + mp * thousandths(gpci[6] ?? ''); // 1e-5 RVU
  const tenMillionthsOfCent = adjusted * cf; // 1e-5 × 1e-4 dollars = 1e-9 dollars = 1e-7 cents
  assert.ok(Number.isSafeInteger(tenMillionthsOfCent));
  return Math.floor((tenMillionthsOfCent + 5_000_000) / 10_000_000);
}

describe('core/contracts/medicare', () => {
  let index: MedicareIndex;
  const rvuLines = lines('PPRRVU25_JAN1.csv');
  const gpciLines = lines('GPCI2025.csv');

  before(async () => {
    const rvus = await importFeeFile(sourceFromBytes('PPRRVU25_JAN1.csv', readFileSync(fixture('cms_pfs', 'PPRRVU25_JAN1.csv'))));
    const gpcis = await importFeeFile(sourceFromBytes('GPCI2025.csv', readFileSync(fixture('cms_pfs', 'GPCI2025.csv'))));
    index = medicareIndex(rvus.records as MedicareRvu[], gpcis.records as Gpci[]);
  });

  describe('medicareFee', () => {
    const codes: [string, string][] = [
      ['99213', ''], ['99214', ''], ['99204', ''], ['20610', ''], ['11042', ''], ['93000', ''], ['64483', ''],
      ['71046', ''], ['71046', '26'], ['71046', 'TC'], ['29881', ''], ['27447', ''], ['G2211', ''], ['36415', ''],
      ['61530', ''], // Rest of Pennsylvania: (45.56 × 1 + 29.25 × 0.927 + 18.73 × 0.925) × 32.3465 = 2911.185 exactly → $2,911.19
    ];
    const localities: [string, string][] = [['ALABAMA', 'AL'], ['MANHATTAN', 'NY'], ['BAKERSFIELD', 'CA'], ['ALASKA*', 'AK'], ['MIAMI', 'FL'], ['REST OF PENNSYLVANIA', 'PA']];

    it('equals the CMS formula computed by hand from the fixture rows, to the cent (codes × localities × settings)', () => {
      let compared = 0;
      for (const [code, mod] of codes) {
        const rvu = rvuLines.find((f) => f[0] === code && f[1] === mod);
        assert.ok(rvu, `${code}${mod} in the RVU file`);
        for (const [name, state] of localities) {
          const gpci = gpciLines.find((f) => f[3] === name && f[1] === state);
          assert.ok(gpci, `${name} in the GPCI file`);
          const locality = `${(gpci[0] ?? '').padStart(5, '0')}-${(gpci[2] ?? '').padStart(2, '0')}`;
          for (const facility of [false, true]) {
            const nonFacilityNa: boolean = rvu[7] === 'NA';
            const fee = medicareFee(index, { code, modifiers: mod === '' ? [] : [mod], year: 2025, locality, setting: facility ? 'facility' : 'non-facility' });
            if (facility && rvu[9] === 'NA') {
              // No facility price in the file (e.g. 93000): a problem, never a made-up amount.
              assert.ok(!fee.ok && fee.error.flag === 'not-priced-in-setting', `${code}${mod} facility NA`);
              compared++;
              continue;
            }
            assert.ok(fee.ok, `${code}${mod} ${name}`);
            // A service not paid in an office (NA) is priced at the facility PE.
            assert.equal(fee.value.cents, byHand(rvu, gpci, facility || nonFacilityNa), `${code}${mod} ${name} ${facility ? 'facility' : 'non-facility'}`);
            compared++;
          }
        }
      }
      assert.equal(compared, codes.length * localities.length * 2);
    });

    it('gives $88.95 for 99213 at national GPCIs of 1: 2.75 RVUs × 32.3465 = 88.952875', () => {
      const rvu = index.rvus.get('2025|99213|');
      assert.ok(rvu);
      const national = { ...([...index.gpcis.values()][0] as Gpci), locality: 'national', workGpci: 1, peGpci: 1, mpGpci: 1 };
      const custom = medicareIndex([rvu], [national]);
      const fee = medicareFee(custom, { code: '99213', year: 2025, locality: 'national', setting: 'non-facility' });
      assert.ok(fee.ok);
      assert.equal(fee.value.cents, 8895);
    });

    it('rounds the one 2025 fee that lands exactly on half a cent up: 61530 in Rest of Pennsylvania, $2,911.185 → $2,911.19', () => {
      const fee = medicareFee(index, { code: '61530', year: 2025, locality: '12502-99', setting: 'non-facility' });
      assert.ok(fee.ok);
      assert.equal(fee.value.cents, 291119);
    });

    it('rounds a fee that lands exactly on half a cent away from zero (no binary-float drift)', () => {
      // 0.5 work RVU × 1 × conversion factor 0.0001 … built so the exact fee is $0.125: rounds to $0.13.
      const rvu: MedicareRvu = { ...(index.rvus.get('2025|99213|') as MedicareRvu), workRvu: 1.25, nonFacilityPeRvu: 0, mpRvu: 0, conversionFactor: 0.1 };
      const gpci: Gpci = { ...([...index.gpcis.values()][0] as Gpci), locality: 'x', workGpci: 1, peGpci: 1, mpGpci: 1 };
      const fee = medicareFee(medicareIndex([rvu], [gpci]), { code: '99213', year: 2025, locality: 'x', setting: 'non-facility' });
      assert.ok(fee.ok);
      assert.equal(fee.value.cents, 13);
      // And a float trap: 1.15 × 32.3465 × … computed in binary is 37.198474999…; exact is 37.198475 → $37.20.
      const trap: MedicareRvu = { ...rvu, workRvu: 1.15, conversionFactor: 32.3465 };
      const trapFee = medicareFee(medicareIndex([trap], [gpci]), { code: '99213', year: 2025, locality: 'x', setting: 'non-facility' });
      assert.ok(trapFee.ok);
      assert.equal(1.15 * 32.3465 * 100 < 3719.8475, true, 'binary floats land below the half cent');
      assert.equal(trapFee.value.cents, 3720);
    });

    it('prices 71046-26 and 71046-TC from the file\'s own rows, and they add up to about the global fee', () => {
      const q = { code: '71046', year: 2025, locality: '10112-00', setting: 'non-facility' as const };
      const global = medicareFee(index, q);
      const pc = medicareFee(index, { ...q, modifiers: ['26'] });
      const tc = medicareFee(index, { ...q, modifiers: ['TC'] });
      assert.ok(global.ok && pc.ok && tc.ok);
      assert.equal(pc.value.rvu.modifier, '26');
      assert.equal(tc.value.rvu.modifier, 'TC');
      assert.ok(Math.abs(pc.value.cents + tc.value.cents - global.value.cents) <= 2);
    });

    it('returns $0 with a flag for bundled status B, and a problem for status I (not valid for Medicare)', () => {
      const bundled = rvuLines.find((f) => f[3] === 'B' && f[1] === '');
      const invalid = rvuLines.find((f) => f[3] === 'I' && f[1] === '');
      assert.ok(bundled && invalid);
      const q = { year: 2025, locality: '10112-00', setting: 'non-facility' as const };
      const b = medicareFee(index, { ...q, code: bundled[0] ?? '' });
      assert.ok(b.ok);
      assert.deepEqual([b.value.cents, b.value.flag], [0, 'bundled']);
      const i = medicareFee(index, { ...q, code: invalid[0] ?? '' });
      assert.ok(!i.ok);
      assert.equal(i.error.flag, 'not-valid-for-medicare');
    });

    it('explains the fee with its numbers (1.3221 + 1.47555 + 0.0662 = 2.86385 RVUs)', () => {
      const fee = medicareFee(index, { code: '99213', year: 2025, locality: '01112-54', setting: 'non-facility' });
      assert.ok(fee.ok);
      const last = fee.value.steps[fee.value.steps.length - 1];
      assert.match(last?.text ?? '', /\(1\.3 × 1\.017 \+ 1\.35 × 1\.093 \+ 0\.1 × 0\.662\) × 32\.3465 = 2\.86385 × 32\.3465 = 92\.635524025, rounded to the cent: \$92\.64$/);
    });
  });
});
