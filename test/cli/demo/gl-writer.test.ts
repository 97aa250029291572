import { strict as assert } from 'node:assert';
import { UNMAPPED } from '../../../core/accounts/chart';
import { defaultMappingRules, mapActuals } from '../../../core/accounts/mapping';
import type { GlEntry, PlLine } from '../../../core/model';
import { accountTransactionsCsv, demoLedger, glDetailCsv, plByMonthCsv } from '../../../cli/demo/gl-writer';
import { generateDemo, type DemoModel } from '../../../cli/demo/generate';
import { importGl } from '../../../connectors/gl';
import { sourceFromBytes } from '../../../connectors/source';

const utf8 = (t: string) => new TextEncoder().encode(t);
const months2025 = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

describe('cli/demo/gl-writer', function () {
  this.timeout(60_000);
  let model: DemoModel;
  before(() => {
    model = generateDemo({ months: 14, endMonth: '2026-02', providers: 8 });
  });

  describe('demoLedger', () => {
    it('books exactly the patient payments posted in each month as revenue', () => {
      const postings = demoLedger(model, months2025);
      for (const month of ['2025-03', '2025-11']) {
        const revenue = -postings.filter((p) => p.account.section === 'income' && p.account.number !== '4800' && p.date.startsWith(month)).reduce((s, p) => s + p.debitCents, 0);
        const payments = model.transactions.filter((t) => t.type === 'payment' && t.postDate.startsWith(month)).reduce((s, t) => s + t.amountCents, 0);
        assert.equal(revenue, payments, month);
      }
    });
  });

  describe('exports', () => {
    it('writes a P&L by month that the GL connector reads back, skipping the extra subtotal and tying to its Net Income line', async () => {
      const postings = demoLedger(model, months2025);
      const r = await importGl(sourceFromBytes('pl.csv', utf8(plByMonthCsv(model.practice.name, months2025, postings))));
      assert.equal(r.profile, 'pl-by-month');
      assert.deepEqual(r.issues.map((i) => i.code), ['pl-subtotal-skipped']);
      assert.deepEqual(r.extraSummary?.computedNetIncomeCents, r.extraSummary?.reportedNetIncomeCents);
      // The P&L's net income = −Σ debits of the postings.
      const total = postings.reduce((s, p) => s - p.debitCents, 0);
      assert.equal((r.extraSummary?.reportedNetIncomeCents as Record<string, number>).total, total);
      // One account the default mapping does not map: 6950, with its money on the Unmapped line.
      const lines = r.records as PlLine[];
      const mapped = mapActuals(lines.map((l) => ({ account: { number: l.accountNumber, name: l.accountName }, month: l.month, debitCents: l.debitCents })), defaultMappingRules, 'pl.csv');
      assert.equal(mapped.issues.length, 1);
      assert.match(mapped.issues[0]?.message ?? '', /6950 Bank service charges/);
      const bank = postings.filter((p) => p.account.number === '6950').reduce((s, p) => s + p.debitCents, 0);
      assert.equal([...(mapped.byLine.get(UNMAPPED)?.values() ?? [])].reduce((s, c) => s + c, 0), bank);
    });

    it('writes GL detail and account transactions exports whose postings read back to the cent', async () => {
      const postings = demoLedger(model, ['2026-01', '2026-02']);
      const expected = postings.reduce((s, p) => s + p.debitCents, 0);
      for (const [name, text] of [
        ['gl.csv', glDetailCsv(model.practice.name, 'Jan - Feb 2026', postings)],
        ['transactions.csv', accountTransactionsCsv(model.practice.name, postings)],
      ] as const) {
        const r = await importGl(sourceFromBytes(name, utf8(text)));
        assert.equal(r.profile, 'gl-detail', name);
        assert.deepEqual(r.issues, [], name);
        const entries = r.records as GlEntry[];
        assert.equal(entries.length, postings.length, name);
        assert.equal(entries.reduce((s, e) => s + e.amountCents, 0), expected, name);
      }
    });
  });
});
