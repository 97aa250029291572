import { strict as assert } from 'node:assert';
import { UNMAPPED } from '../../../core/accounts/chart';
import { defaultMappingRules, mapAccount, mapActuals, ruleMatches, type MappingRule } from '../../../core/accounts/mapping';

describe('core/accounts/mapping', () => {
  describe('ruleMatches', () => {
    it('compares number ranges as numbers when all are digits, and as text otherwise', () => {
      const range: MappingRule = { kind: 'range', from: '500', to: '5099', account: '5000' };
      assert.equal(ruleMatches(range, { number: '600', name: 'x' }), true); // 500 ≤ 600 ≤ 5099 as numbers
      assert.equal(ruleMatches({ kind: 'range', from: '5000-00', to: '5099-99', account: '5000' }, { number: '5010-10', name: 'x' }), true);
      assert.equal(ruleMatches(range, { name: 'no number' }), false);
    });
    it('matches prefixes on the number and patterns on the name, case-insensitively', () => {
      assert.equal(ruleMatches({ kind: 'prefix', prefix: '53', account: '5300' }, { number: '05310', name: 'x' }), false);
      assert.equal(ruleMatches({ kind: 'prefix', prefix: '053', account: '5300' }, { number: '05310', name: 'x' }), true);
      assert.equal(ruleMatches({ kind: 'name', pattern: 'malpractice', account: '5700' }, { name: 'MALPRACTICE premium' }), true);
      assert.equal(ruleMatches({ kind: 'name', pattern: '(', account: '5700' }, { name: '(' }), false); // a broken pattern matches nothing
    });
  });

  describe('mapAccount', () => {
    it('takes the first rule that matches and skips rules pointing at unknown practice accounts', () => {
      const rules: MappingRule[] = [
        { kind: 'prefix', prefix: '6', account: '7777' },
        { kind: 'name', pattern: 'rent', account: '5500' },
        { kind: 'prefix', prefix: '6', account: '6200' },
      ];
      assert.equal(mapAccount({ number: '6100', name: 'Office rent' }, rules), '5500');
      assert.equal(mapAccount({ number: '6100', name: 'Postage' }, rules), '6200');
      assert.equal(mapAccount({ number: '9000', name: 'Postage' }, rules), UNMAPPED);
    });
    it('maps the usual small-practice numbering and names by default', () => {
      assert.equal(mapAccount({ number: '4010', name: 'Patient refunds' }, defaultMappingRules), '4000');
      assert.equal(mapAccount({ number: '5150', name: 'Payroll taxes' }, defaultMappingRules), '5100');
      assert.equal(mapAccount({ name: 'Malpractice insurance' }, defaultMappingRules), '5700');
      assert.equal(mapAccount({ number: '6950', name: 'Bank service charges' }, defaultMappingRules), UNMAPPED);
    });
  });

  describe('mapActuals', () => {
    it('presents revenue credits as positive revenue, keeps unmapped money, and lets the user override', () => {
      const amounts = [
        { account: { number: '4000', name: 'Fees' }, month: '2026-01', debitCents: -100_000 },
        { account: { number: '4000', name: 'Fees' }, month: '2026-01', debitCents: 2_500 },
        { account: { number: '6950', name: 'Bank charges' }, month: '2026-01', debitCents: 4_510 },
        { account: { number: '6950', name: 'Bank charges' }, month: '2026-02', debitCents: 3_990 },
      ];
      const plain = mapActuals(amounts, defaultMappingRules, 'gl.csv');
      assert.equal(plain.byLine.get('4000')?.get('2026-01'), 97_500);
      assert.deepEqual([...(plain.byLine.get(UNMAPPED) ?? [])], [['2026-01', 4_510], ['2026-02', 3_990]]);
      assert.equal(plain.issues.length, 1);
      assert.match(plain.issues[0]?.message ?? '', /"6950 Bank charges" \(\$85\.00 net/);
      // A GL detail export lists balance-sheet accounts too: they are left out, with a note, not unmapped.
      const withCash = mapActuals([...amounts, { account: { number: '1000', name: 'Checking' }, month: '2026-01', debitCents: 97_500 }], defaultMappingRules, 'gl.csv');
      assert.deepEqual(withCash.issues.map((i) => i.code), ['account-unmapped', 'account-balance-sheet']);
      assert.equal(withCash.accounts.has('1000 Checking'), false);
      assert.deepEqual([...(withCash.byLine.get(UNMAPPED) ?? [])], [['2026-01', 4_510], ['2026-02', 3_990]]);
      const overridden = mapActuals(amounts, defaultMappingRules, 'gl.csv', new Map([['6950 Bank charges', '6200']]));
      assert.equal(overridden.issues.length, 0);
      assert.equal(overridden.byLine.get('6200')?.get('2026-02'), 3_990);
    });
  });
});
