/**
 * PostgreSQL SQLSTATEs (class 22, "data exception") that mean a value the database cannot take: bad
 * input, not a fault of the server. Division by zero and the like stay out: those are bugs.
 * https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
const INVALID_INPUT_STATES = new Set([
  '22001', // string_data_right_truncation: longer than the column
  '22003', // numeric_value_out_of_range: 99999999999 into an integer
  '22007', // invalid_datetime_format: '2026-10-01''
  '22008', // datetime_field_overflow: 2026-02-30
  '22019', // invalid_escape_character
  '22021', // character_not_in_repertoire: U+0000 in text
  '22023', // invalid_parameter_value: an unknown time zone name
  '22025', // invalid_escape_sequence: a LIKE pattern
  '2201B', // invalid_regular_expression
  '22P02', // invalid_text_representation: 'abc' as a number
  '22P05', // untranslatable_character
]);

/**
 * Whether an error is the database refusing a value (on either engine: both speak through `pg`).
 * The error handler answers these 400 as a last resort; validation at the edge is the real guard,
 * since only it can name the field.
 */
export function isInvalidInputError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && INVALID_INPUT_STATES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
