/**
 * Stable codes of {@link LaborInputError}. The UI and the API translate by code (style.md §4),
 * so a code never changes meaning once released.
 */
export type LaborInputErrorCode =
  | 'invalid_input'
  | 'unknown_setting'
  | 'invalid_setting'
  | 'invalid_schedule'
  | 'invalid_event_type'
  | 'invalid_time'
  | 'invalid_date'
  | 'invalid_period'
  | 'invalid_leave'
  | 'invalid_number';

/**
 * Bad input to the labour-law engine. Totals decide pay, so the engine refuses input it cannot read
 * rather than returning a wrong total (issue 4). `field` names the offending field as a path, e.g.
 * `events[3].type` or `settings.schedule.byWeekday.mon.end`.
 */
export class LaborInputError extends Error {
  override readonly name = 'LaborInputError';
  readonly code: LaborInputErrorCode;
  readonly field: string;
  readonly params: Readonly<Record<string, unknown>>;

  constructor(
    code: LaborInputErrorCode,
    field: string,
    detail: string,
    params: Record<string, unknown> = {},
  ) {
    super(`${field}: ${detail}`);
    this.code = code;
    this.field = field;
    this.params = params;
  }
}
