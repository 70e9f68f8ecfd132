import * as assert from 'node:assert/strict';
import {
  addCountedDays,
  addDays,
  countedDaysBetween,
  daysBetween,
  isIsoDate,
  isSupportedDate,
  MAX_DATE,
  MIN_DATE,
  parseDuration,
  pausedDaysBetween,
  relativeDay,
} from '../../src/core/dates';

describe('dates', () => {
  it('accepts only real YYYY-MM-DD calendar dates', () => {
    assert.ok(isIsoDate('2026-11-24'));
    assert.ok(isIsoDate('2028-02-29'));
    for (const bad of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-1-05', '2026-11-24T10:00', '24.11.2026', '', '2026-11-24 ']) {
      assert.equal(isIsoDate(bad), false, bad);
    }
  });

  it('accepts dates from 1900-01-01 to 2999-12-31 only: outside that range a value is not a date the format holds', () => {
    assert.equal(MIN_DATE, '1900-01-01');
    assert.equal(MAX_DATE, '2999-12-31');
    for (const ok of ['1900-01-01', '2999-12-31', '2000-02-29']) assert.ok(isIsoDate(ok), ok);
    for (const bad of ['0000-01-01', '9999-12-31', '1899-12-31', '3000-01-01', '1900-02-29', '2026-02-30']) assert.equal(isIsoDate(bad), false, bad);
    assert.equal(isSupportedDate('3000-01-26'), false);
  });

  it('day arithmetic agrees with the UTC calendar on every day from 1900 to 3000, and never writes a five-digit year', () => {
    let date = '1900-01-01';
    for (let n = 0; n < 401_000; n += 1) {
      const utc = new Date(Date.UTC(1900, 0, 1 + n)).toISOString().slice(0, 10);
      if (n % 997 === 0 || utc.endsWith('-02-29') || utc.endsWith('-12-31')) {
        assert.equal(date, utc);
        assert.equal(daysBetween('1900-01-01', date), n);
      }
      if (utc === '3000-01-01') break;
      date = addDays(date, 1);
    }
    // The longest duration the format allows (9999 weeks) after the last supported day still has four digits.
    assert.equal(addDays('2999-12-31', 9999 * 7), '3191-08-20');
    assert.throws(() => addDays('9999-12-31', 1), RangeError);
  });

  it('counts calendar days across month, year and DST changes', () => {
    assert.equal(daysBetween('2026-11-24', '2026-12-01'), 7);
    assert.equal(daysBetween('2026-12-28', '2027-01-04'), 7);
    assert.equal(daysBetween('2026-03-25', '2026-04-01'), 7); // European DST change inside
    assert.equal(daysBetween('2026-11-24', '2026-11-17'), -7);
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  });

  it('parses cadences and durations', () => {
    assert.equal(parseDuration('weekly'), 7);
    assert.equal(parseDuration('biweekly'), 14);
    assert.equal(parseDuration('10d'), 10);
    assert.equal(parseDuration('3w'), 21);
    for (const bad of ['monthly', '0d', '2 weeks', 'w', '-1d', '1.5w']) assert.equal(parseDuration(bad), undefined, bad);
  });

  describe('paused periods', () => {
    it('counts only days inside (after, until], once for overlapping leaves', () => {
      const leave = [{ from: '2026-11-10', to: '2026-11-14' }];
      assert.equal(pausedDaysBetween('2026-11-01', '2026-11-24', leave), 5);
      // The day of the last 1:1 itself is not counted, the leave is clipped to the span.
      assert.equal(pausedDaysBetween('2026-11-12', '2026-11-24', leave), 2);
      assert.equal(pausedDaysBetween('2026-11-01', '2026-11-11', leave), 2);
      const overlapping = [{ from: '2026-11-10', to: '2026-11-14' }, { from: '2026-11-13', to: '2026-11-16' }, { from: '2026-11-20', to: '2026-11-20' }];
      assert.equal(pausedDaysBetween('2026-11-01', '2026-11-24', overlapping), 8);
    });

    it('treats a leave without `to` as still going on', () => {
      assert.equal(pausedDaysBetween('2026-11-01', '2026-11-24', [{ from: '2026-11-20' }]), 5);
      assert.equal(countedDaysBetween('2026-11-01', '2026-11-24', [{ from: '2026-11-20' }]), 18);
    });

    it('ignores leaves outside the span', () => {
      assert.equal(pausedDaysBetween('2026-11-01', '2026-11-24', [{ from: '2026-10-01', to: '2026-10-31' }, { from: '2026-11-25', to: '2026-12-31' }]), 0);
    });

    it('pushes the next due date back by the leave', () => {
      assert.equal(addCountedDays('2026-11-01', 7, []), '2026-11-08');
      assert.equal(addCountedDays('2026-11-01', 7, [{ from: '2026-11-03', to: '2026-11-09' }]), '2026-11-15');
      assert.equal(addCountedDays('2026-11-01', 7, [{ from: '2026-11-03', to: '2026-11-09' }, { from: '2026-11-14', to: '2026-11-20' }]), '2026-11-22');
      assert.equal(addCountedDays('2026-11-01', 7, [{ from: '2026-11-03' }]), undefined);
    });
  });

  it('says relative days in words', () => {
    assert.equal(relativeDay('2026-11-24', '2026-11-24'), 'today');
    assert.equal(relativeDay('2026-11-25', '2026-11-24'), 'tomorrow');
    assert.equal(relativeDay('2026-11-20', '2026-11-24'), '4 days ago');
  });
});
