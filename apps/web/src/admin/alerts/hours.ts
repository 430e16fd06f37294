/** Minutes as H:MM (46:00), the form the timecard shows. */
export function hoursText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(Math.round(minutes));
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes as hours with one decimal place (46.5): the charts' scale. */
export function hoursOf(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}
