import { ApiError, type FieldError } from './api.ts';
import i18n from './i18n.ts';

/** One line of an import's report: the spreadsheet row (header = 1), the column as written, the message. */
export interface CsvProblem {
  row: number | null;
  field: string;
  message: string;
}

/** The codes of a rejected import file, whose `fields` are `row<N>.<column>` (docs/api.md). */
export const CSV_REJECTION_CODES = ['csv_rows_rejected', 'csv_rows_rejected_many'] as const;

export function isCsvRejection(error: unknown): error is ApiError {
  return error instanceof ApiError && (CSV_REJECTION_CODES as readonly string[]).includes(error.code);
}

/**
 * `row3.staff_code` → `{ row: 3, field: 'staff_code', message }`, in row order, so the person
 * fixing the file reads it top to bottom.
 */
export function csvProblems(fields: Record<string, { message: string }>): CsvProblem[] {
  return Object.entries(fields)
    .map(([name, field]) => {
      const match = /^row(\d+)\.(.+)$/.exec(name);
      return match
        ? { row: Number(match[1]), field: match[2]!, message: field.message }
        : { row: null, field: name, message: field.message };
    })
    .sort((a, b) => (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER));
}

/**
 * POSTs a CSV file as it is (`Content-Type: text/csv`), which the JSON-only `api()` cannot send,
 * with the session's CSRF token. XMLHttpRequest rather than fetch, for the upload's progress:
 * `onProgress` gets the fraction sent (0–1); at 1 the server is still checking the rows.
 */
export function uploadCsv<T>(
  path: string,
  body: Blob,
  csrfToken: string,
  onProgress?: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.language === 'en' ? 'en' : 'ja');
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress?.(1);
    xhr.onerror = () => reject(new ApiError(0, 'network_error', i18n.t('errors.network')));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      const error = (
        data as
          | { error?: { code?: string; message?: string; fields?: Record<string, FieldError> } }
          | undefined
      )?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? 'http_error',
          error?.message ?? i18n.t('errors.unexpected', { status: xhr.status }),
          error?.fields ?? {},
        ),
      );
    };
    xhr.send(body);
  });
}
