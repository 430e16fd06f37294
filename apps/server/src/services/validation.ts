import { AppError, type ErrorCode, errorCatalog } from '@timecard/domain';
import type { z } from 'zod';

/**
 * Parses input with a zod schema; on failure throws `validation_failed` with one error code per
 * field (the schemas use error codes as their messages), or that field's code when only one is bad.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, ErrorCode> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || '_';
    if (fields[field]) continue;
    fields[field] = isErrorCode(issue.message) ? issue.message : 'bad_request';
  }
  const codes = Object.values(fields);
  if (codes.length === 1) throw new AppError(codes[0]!, {}, fields);
  throw new AppError('validation_failed', {}, fields);
}

function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCatalog, value);
}
