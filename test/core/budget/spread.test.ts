import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { practiceHolidays, seasonalityProfile, spread, spreadByWeights, workingDaysByMonth } from '../../../core/budget/spread';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('core/budget/spread', () => {
  describe('spreadByWeights', () => {
    it('gives the leftover cents of $100,000.01 evenly spread to the first months (ties go to the earlier month)', () => {
      // 10,000,001 / 12 = 833,333 r 5: the first five months carry one cent more.
      const months = spreadByWeights(10_000_001, Array(12).fill(1));
      assert.deepEqual(months, [833334, 833334, 833334, 833334, 833334, 833333, 833333, 833333, 833333, 833333, 833333, 833333]);
      assert.equal(sum(months), 10_000_001);
    });

    it('gives the leftover cent to the month with the largest remainder', () => {
      // 100 cents by 1:1:1 → 33.33 each, one cent left; all remainders tie, so month 1 gets it.
      assert.deepEqual(spreadByWeights(100, [1, 1, 1]), [34, 33, 33]);
      // 100 by 1:2 → 33.33 and 66.67: the 0.67 remainder wins.
      assert.deepEqual(spreadByWeights(100, [1, 2]), [33, 67]);
    });

    it('spreads a negative amount (a credit) with the same rule and the same total', () => {
      const months = spreadByWeights(-10_000_001, Array(12).fill(1));
      assert.equal(sum(months), -10_000_001);
      assert.deepEqual(months.slice(0, 8), [-833333, -833333, -833333, -833333, -833333, -833333, -833333, -833334]);
    });

    it('keeps zero-weight months at zero', () => {
      assert.deepEqual(spreadByWeights(1001, [0, 1, 0, 1]), [0, 501, 0, 500]);
    });

    it('sums to the annual amount for every amount and profile (property)', () => {
      const amounts = [1, 7, 11, 99_999, 10_000_001, 12_345_678_901, -5, -10_000_001];
      const profiles = [Array(12).fill(1), [833, 900, 850, 800, 820, 790, 760, 810, 840, 870, 900, 1027], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3], [21, 20, 21, 22, 21, 20, 22, 22, 20, 22, 20, 21]];
      for (const a of amounts) for (const p of profiles) assert.equal(sum(spreadByWeights(a, p)), a, `${a} by ${p.join(',')}`);
    });
  });

  describe('workingDaysByMonth', () => {
    it('counts weekdays less weekday holidays (2025: Jan has 23 weekdays, less New Year → 22)', () => {
      const days = workingDaysByMonth(2025, ['2025-01-01']);
      assert.equal(days[0], 22);
      // February 2025: 20 weekdays.
      assert.equal(days[1], 20);
      assert.equal(sum(days), 261 - 1);
    });
  });

  describe('practiceHolidays', () => {
    it('moves a weekend holiday to the nearest weekday and finds the floating ones', () => {
      // 2027-12-25 is a Saturday (observed Friday 24th); Thanksgiving 2025 is Nov 27; Memorial Day 2025 is May 26.
      assert.ok(practiceHolidays(2027).includes('2027-12-24'));
      assert.deepEqual(practiceHolidays(2025), ['2025-01-01', '2025-05-26', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25']);
    });
  });

  describe('seasonalityProfile', () => {
    it('turns prior-year months into basis points that add to 10,000', () => {
      const p = seasonalityProfile([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
      assert.ok(p.ok);
      if (p.ok) assert.deepEqual(p.value, [834, 834, 834, 834, 833, 833, 833, 833, 833, 833, 833, 833]);
    });
    it('refuses a year with a negative month', () => {
      assert.equal(seasonalityProfile([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1]).ok, false);
    });
  });

  describe('spread', () => {
    const methods = [
      ['even', undefined],
      ['workingDays', undefined],
      ['seasonality', [812_345_67, 790_000_00, 905_000_01, 880_000_00, 870_000_00, 845_000_00, 800_000_00, 820_000_00, 860_000_00, 900_000_00, 850_000_00, 830_000_00]],
      ['manual', [3, 1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 7]],
    ] as const;
    for (const [method, profile] of methods) {
      it(`spreads $100,000.01 by ${method} to exactly $100,000.01`, () => {
        const r = spread(10_000_001, method, profile, 2026);
        assert.ok(r.ok, r.ok ? '' : r.error);
        if (r.ok) {
          assert.equal(r.value.length, 12);
          assert.equal(sum(r.value), 10_000_001);
        }
      });
    }
    it('spreads by working days in proportion to the days (hand-computed for one cent per working day)', () => {
      // 2026 has 261 weekdays (365 days from a Thursday) less 6 weekday holidays = 255 working days:
      // 255 cents → one cent per working day. January: 22 weekdays less New Year's Day = 21.
      const days = workingDaysByMonth(2026, practiceHolidays(2026));
      assert.equal(sum(days), 255);
      assert.equal(days[0], 21);
      const r = spread(255, 'workingDays', undefined, 2026);
      assert.ok(r.ok);
      if (r.ok) assert.deepEqual(r.value, days);
    });
    it('says what is missing instead of guessing', () => {
      assert.equal(spread(100, 'workingDays').ok, false);
      assert.equal(spread(100, 'manual', [1, 2]).ok, false);
      assert.equal(spread(100.5, 'even').ok, false);
    });
  });
});

describe('core/budget/spread (properties)', () => {
  describe('spreadByWeights', () => {
    it('always sums to the amount, never moves a month by more than one cent from its exact share, and keeps zero weights at zero', () => {
      fc.assert(
        fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 12, maxLength: 12 }), (amount, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const months = spreadByWeights(amount, weights);
          const total = weights.reduce((a, b) => a + b, 0);
          assert.equal(months.reduce((a, b) => a + b, 0), amount);
          months.forEach((m, i) => {
            const exact = (amount * (weights[i] ?? 0)) / total;
            assert.ok(Math.abs(m - exact) < 1 + 1e-6 * Math.abs(exact), `${m} vs ${exact}`);
            if (weights[i] === 0) assert.equal(m, 0);
          });
        }),
        { numRuns: 300 },
      );
    });
  });
});
