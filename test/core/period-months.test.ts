import { strict as assert } from 'node:assert';
import { parseDate, parseMonth } from '../../core/period';

describe('period (month names, as accounting packages write them)', () => {
  describe('parseDate', () => {
    it('reads day-month-name-year and month-name-day-year dates', () => {
      assert.deepEqual(parseDate('31 Jan 2025'), { ok: true, value: { date: '2025-01-31' } });
      assert.deepEqual(parseDate('05-Sep-2025'), { ok: true, value: { date: '2025-09-05' } });
      assert.deepEqual(parseDate('March 3, 2025'), { ok: true, value: { date: '2025-03-03' } });
    });
    it('refuses a name that is not a month, and a day the month does not have', () => {
      assert.equal(parseDate('31 Jax 2025').ok, false);
      assert.equal(parseDate('31 Feb 2025').ok, false);
    });
  });
  describe('parseMonth', () => {
    it('reads the month headers of P&L-by-month reports', () => {
      for (const [text, month] of [
        ['Jan 2025', '2025-01'],
        ['January 2025', '2025-01'],
        ['Feb-25', '2025-02'],
        ['Sept 2025', '2025-09'],
        ['2025-12', '2025-12'],
        ['11/2025', '2025-11'],
        ['31 Mar 2025', '2025-03'],
        ['2025-04-30', '2025-04'],
      ] as const) {
        assert.equal(parseMonth(text), month, text);
      }
    });
    it('is undefined for totals and labels', () => {
      for (const text of ['Total', 'TOTAL', 'Account', '', '2025-13', 'Jan']) assert.equal(parseMonth(text), undefined, text);
    });
  });
});
