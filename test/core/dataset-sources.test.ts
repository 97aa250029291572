/** Dataset assembly over real imports: payer through the encounter, voided lines set aside. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { assembleDataset } from '../../core/dataset';
import { fixture } from '../support/paths';
import { importFile } from '../connectors/helpers';

const csvRows = (path: string) => {
  const [header, ...rows] = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const names = (header ?? '').split(',');
  // These Synthea columns hold no quoted commas before the ones read here.
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [names[i] ?? '', v])));
};

describe('core/dataset', () => {
  describe('assembleDataset', () => {
    it('gives Synthea claim lines the payer of their encounter, with its name and class', async () => {
      const files = ['payers.csv', 'encounters.csv', 'claims_transactions.csv'].map((f) => fixture('synthea_csv', f));
      const dataset = assembleDataset(await Promise.all(files.map((f) => importFile(f))));
      const payerOfEncounter = new Map(csvRows(files[1] as string).map((e) => [e.Id, e.PAYER]));
      const payerName = new Map(csvRows(files[0] as string).map((p) => [p.Id, p.NAME]));
      const charges = csvRows(files[2] as string).filter((t) => t.TYPE === 'CHARGE');
      assert.equal(dataset.charges.length, charges.length);
      const byKey = new Map(dataset.charges.map((c) => [c.key, c]));
      for (const row of charges) {
        const c = byKey.get(row.ID ?? '');
        const payerId = payerOfEncounter.get(row.APPOINTMENTID);
        assert.equal(c?.payerId, payerId);
        assert.equal(c?.payerName, payerName.get(payerId ?? ''));
      }
      const medicare = dataset.charges.filter((c) => c.payerName === 'Medicare');
      assert.ok(medicare.length > 0 && medicare.every((c) => c.payerClass === 'medicare'));
      assert.ok(dataset.charges.filter((c) => c.payerName === 'NO_INSURANCE').every((c) => c.payerClass === 'self_pay'));
    });

    it('sets voided Epic transactions aside, out of the charges calculations read', async () => {
      const result = await importFile(fixture('epic_ehi_billing', 'ARPB_TRANSACTIONS.tsv'));
      const dataset = assembleDataset([result]);
      const voided = result.records.filter((r) => (r as { voidDate?: string }).voidDate !== undefined);
      assert.ok(voided.length > 0);
      assert.deepEqual(
        dataset.voided.map((r) => r.key),
        voided.map((r) => r.key),
      );
      assert.equal(dataset.charges.length + dataset.transactions.length + dataset.voided.length, result.records.length);
      assert.ok(dataset.charges.every((c) => c.voidDate === undefined));
    });
  });
});
