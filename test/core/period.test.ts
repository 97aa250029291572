import { strict as assert } from 'node:assert';
import { addMonths, dayNumber, daysBetween, fromDayNumber, monthsBetween, parseDate, secondsBetween, weekday } from '../../core/period';

function read(text: string, order?: 'MDY' | 'DMY'): string {
  const r = parseDate(text, order);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value.time === undefined ? r.value.date : `${r.value.date}T${r.value.time}`;
}

describe('period', () => {
  describe('parseDate', () => {
    it('reads MM/DD/YYYY and M/D/YYYY h:mm:ss AM as Epic exports them', () => {
      assert.equal(read('10/12/2023', 'MDY'), '2023-10-12');
      assert.equal(read('9/28/2023 12:00:00 AM', 'MDY'), '2023-09-28T00:00:00');
      assert.equal(read('10/23/2023 3:06:00 PM', 'MDY'), '2023-10-23T15:06:00');
      assert.equal(read('12/1/2022 12:00:00 PM', 'MDY'), '2022-12-01T12:00:00');
    });

    it('reads ISO dates and date-times as the calendar day written, without zone drift', () => {
      assert.equal(read('2024-02-29'), '2024-02-29');
      assert.equal(read('2014-05-06T23:34:30Z'), '2014-05-06T23:34:30');
      assert.equal(read('2016-04-29T00:00:00-05:00'), '2016-04-29T00:00:00');
      assert.equal(read('2021-03-04T10:00:00.123+01:00'), '2021-03-04T10:00:00');
    });

    it('reads X12 CCYYMMDD', () => {
      assert.equal(read('20190315'), '2019-03-15');
    });

    it('raises an ambiguous day/month unless the profile fixes the order', () => {
      const r = parseDate('03/04/2024');
      assert.equal(r.ok, false);
      assert.equal(r.ok ? '' : r.error.kind, 'ambiguous');
      assert.equal(read('03/04/2024', 'MDY'), '2024-03-04');
      assert.equal(read('03/04/2024', 'DMY'), '2024-04-03');
      assert.equal(read('25/12/2024'), '2024-12-25');
      assert.equal(read('12/25/2024'), '2024-12-25');
      assert.equal(read('25.12.2024', 'DMY'), '2024-12-25');
    });

    it('refuses dates that do not exist and text that is not a date', () => {
      for (const bad of ['02/30/2024', '2023-02-29', '13/13/2024', 'tomorrow', '2024-1', '99999999']) {
        assert.equal(parseDate(bad, 'MDY').ok, false, bad);
      }
      assert.equal(parseDate('').ok, false);
      assert.equal(parseDate('1/1/2024 13:00:00 PM', 'MDY').ok, false);
    });
  });

  it('does calendar arithmetic on whole days and months', () => {
    assert.equal(daysBetween('2023-12-31', '2024-03-01'), 61);
    assert.equal(weekday('2026-11-28'), 6);
    assert.equal(addMonths('2024-11', 3), '2025-02');
    assert.deepEqual(monthsBetween('2024-11', '2025-01'), ['2024-11', '2024-12', '2025-01']);
    assert.equal(secondsBetween('2024-01-01T23:50:00', '2024-01-02T00:10:05'), 20 * 60 + 5);
  });

  it('turns day numbers back into the calendar dates JavaScript\'s own Date gives, for every day of years 1800 to 2200', () => {
    const first = dayNumber('1800-01-01');
    const last = dayNumber('2200-12-31');
    assert.equal(first, Date.UTC(1800, 0, 1) / 86_400_000);
    let mismatches = 0;
    for (let day = first; day <= last; day++) {
      const date = fromDayNumber(day);
      if (date !== new Date(day * 86_400_000).toISOString().slice(0, 10) || dayNumber(date) !== day) mismatches++;
    }
    assert.equal(mismatches, 0);
    assert.equal(fromDayNumber(dayNumber('2024-02-29') + 1), '2024-03-01');
    assert.equal(fromDayNumber(0), '1970-01-01');
  });
});
