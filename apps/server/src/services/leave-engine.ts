import { halfDaySchedule, type LaborSettings, type PaidLeaveRecord, WEEKDAYS } from '@timecard/domain';
import type { Tx } from '../db/database.ts';
import { listLeaveRecords, listLeaveTypes } from '../repositories/leave.repository.ts';

/** A day of leave as the timecard shows it and the engine counts it. */
export interface LeaveOfDay {
  id: number;
  date: string;
  typeId: number;
  typeName: string;
  kind: 'annual' | 'special' | 'unpaid';
  paid: boolean;
  unit: 'full' | 'am' | 'pm' | 'hours';
  hours: number | null;
}

/** Leave of some people within a window (adjustments of the balance are no days off). */
export async function leaveDaysOf(
  trx: Tx,
  contractId: string,
  staffIds: number[],
  window: { from: string; to: string },
): Promise<Map<number, LeaveOfDay[]>> {
  const byStaff = new Map<number, LeaveOfDay[]>();
  if (staffIds.length === 0) return byStaff;
  const records = await listLeaveRecords(trx, contractId, staffIds, window);
  if (records.length === 0) return byStaff;
  const types = new Map((await listLeaveTypes(trx, contractId, true)).map((t) => [t.id, t]));
  for (const r of records) {
    if (r.kind !== 'leave') continue;
    const type = types.get(r.leaveTypeId);
    if (!type) continue;
    const day: LeaveOfDay = {
      id: r.id,
      date: r.date,
      typeId: type.id,
      typeName: type.name,
      kind: type.kind,
      paid: type.paid,
      unit: r.unit,
      hours: r.hours,
    };
    const list = byStaff.get(r.staffId);
    if (list) list.push(day);
    else byStaff.set(r.staffId, [day]);
  }
  return byStaff;
}

/** The schedule of a date under effective settings: null on a 所定休日 (byDate › 所定休日 › weekday › default). */
export function scheduleOfDate(settings: LaborSettings, date: string) {
  const byDate = settings.schedule.byDate;
  if (Object.hasOwn(byDate, date)) return byDate[date] ?? null;
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
  if (settings.scheduledHolidays.includes(weekday)) return null;
  if (settings.nationalHolidayIsScheduledHoliday && settings.nationalHolidays.includes(date)) return null;
  const entry = settings.schedule.byWeekday[weekday];
  return entry === undefined ? settings.schedule.default : entry;
}

/**
 * What leave changes for the engine (ADR 016): 有給休暇 days go in as `leaves` (1 or 0.5, so the day is
 * no 欠勤 and 有給日数 counts them); a 半休 of any type leaves the other half as the day's schedule, so
 * lateness and early leave are judged against it; a full day of 特別休暇 or 無給休暇 is a day without
 * scheduled work (no 欠勤, no 有給日数). 時間単位 leave changes neither.
 */
export function withLeave<S extends LaborSettings>(
  settings: S,
  days: readonly LeaveOfDay[] | undefined,
): { settings: S; leaves: PaidLeaveRecord[] } {
  if (!days || days.length === 0) return { settings, leaves: [] };
  const byDate = { ...settings.schedule.byDate };
  const leaves: PaidLeaveRecord[] = [];
  const seen = new Map<string, Set<string>>();
  for (const day of days) {
    const units = seen.get(day.date) ?? new Set<string>();
    seen.set(day.date, units);
    units.add(day.unit);
  }
  for (const [date, units] of seen) {
    const schedule = scheduleOfDate(settings, date);
    const full = units.has('full') || (units.has('am') && units.has('pm'));
    if (schedule && !full && (units.has('am') || units.has('pm'))) {
      byDate[date] = halfDaySchedule(schedule, units.has('am') ? 'am' : 'pm');
    }
  }
  for (const day of days) {
    if (day.kind === 'annual') {
      if (day.unit === 'full') leaves.push({ date: day.date, type: 'paid', days: 1 });
      else if (day.unit === 'am' || day.unit === 'pm')
        leaves.push({ date: day.date, type: 'paid', days: 0.5 });
    } else if (day.unit === 'full' || (seen.get(day.date)!.has('am') && seen.get(day.date)!.has('pm'))) {
      byDate[day.date] = null;
    }
  }
  return { settings: { ...settings, schedule: { ...settings.schedule, byDate } }, leaves };
}
