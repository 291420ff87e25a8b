import { describe, expect, it } from 'vitest';
import { addTime, clearDay, copyToWeekdays, normalize, removeTime, timesOn } from '@/lib/schedule/slot-editor';

describe('the posting-schedule editor', () => {
  it('adds times sorted, without duplicates', () => {
    let slots = addTime([], 1, '13:30');
    slots = addTime(slots, 1, '09:00');
    slots = addTime(slots, 1, '09:00');
    slots = addTime(slots, 0, '10:00');
    expect(slots).toEqual([
      { weekday: 0, time: '10:00' },
      { weekday: 1, time: '09:00' },
      { weekday: 1, time: '13:30' },
    ]);
    expect(timesOn(slots, 1)).toEqual(['09:00', '13:30']);
  });

  it('refuses a time that is not HH:MM and says how to write one', () => {
    expect(() => addTime([], 1, '25:00')).toThrow(/24-hour HH:MM/);
    expect(() => addTime([], 1, '9:5')).toThrow(/HH:MM/);
    expect(() => addTime([], 7, '09:00')).toThrow();
  });

  it('removes one time and clears one day', () => {
    const slots = normalize([
      { weekday: 2, time: '08:00' },
      { weekday: 2, time: '12:00' },
      { weekday: 3, time: '08:00' },
    ]);
    expect(removeTime(slots, 2, '08:00')).toEqual([
      { weekday: 2, time: '12:00' },
      { weekday: 3, time: '08:00' },
    ]);
    expect(clearDay(slots, 2)).toEqual([{ weekday: 3, time: '08:00' }]);
  });

  it('copies a day to every weekday, replacing their times and leaving the weekend alone', () => {
    const slots = normalize([
      { weekday: 1, time: '09:00' },
      { weekday: 1, time: '17:00' },
      { weekday: 4, time: '11:11' },
      { weekday: 6, time: '10:00' },
    ]);
    const copied = copyToWeekdays(slots, 1);
    for (const day of [1, 2, 3, 4, 5]) expect(timesOn(copied, day)).toEqual(['09:00', '17:00']);
    expect(timesOn(copied, 6)).toEqual(['10:00']);
    expect(timesOn(copied, 0)).toEqual([]);
  });
});
