import { formatDateRangeText, formatDateText } from '../format/date-text.ts';
import { isPlan, planLabels } from '../plans/plans.ts';
import { type ErrorCode, errorCatalog } from './error-catalog.ts';

export type Locale = 'ja' | 'en';

/**
 * A domain error: a stable snake_case code plus parameters. Services throw it; the server maps
 * the code to an HTTP status in one place and the message follows the caller's language.
 *
 * @example
 *   throw new AppError('contract_id_taken', { contractId: 'demo' });
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly fields: Record<string, ErrorCode> | undefined;
  /** Parameters of a field's message (a closed period's dates), by field. */
  readonly fieldParams: Record<string, Record<string, string | number>> | undefined;

  constructor(
    code: ErrorCode,
    params: Record<string, string | number> = {},
    fields?: Record<string, ErrorCode>,
    fieldParams?: Record<string, Record<string, string | number>>,
  ) {
    super(formatErrorMessage(code, 'en', params));
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.fields = fields;
    this.fieldParams = fieldParams;
  }
}

/** The HTTP status a code maps to (architecture.md, API conventions). */
export function errorStatus(code: ErrorCode): number {
  return errorCatalog[code].status;
}

/**
 * The message of a code in a language, with `{name}` placeholders filled from params. Dates are
 * shown in words in the user's language (never ISO): a `YYYY-MM-DD` param becomes `2026年12月1日`,
 * and `{period}` is the `from`–`to` range (`2026年12月1日〜31日`).
 */
export function formatErrorMessage(
  code: ErrorCode,
  locale: Locale,
  params: Record<string, string | number> = {},
) {
  const template = errorCatalog[code][locale];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (
      key === 'period' &&
      params.period === undefined &&
      params.from !== undefined &&
      params.to !== undefined
    ) {
      return formatDateRangeText(String(params.from), String(params.to), locale);
    }
    const value = params[key];
    if (value === undefined) return `{${key}}`;
    // A plan is named in the user's language: プレミアム / Premium.
    if (key === 'plan' && typeof value === 'string' && isPlan(value)) return planLabels[value][locale];
    return typeof value === 'string' ? formatDateText(value, locale) : String(value);
  });
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
