import { AppError, type ErrorCode, errorStatus, formatErrorMessage, type Locale } from '@timecard/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type DatabaseFault, databaseFault } from '../db/database-faults.ts';
import { CSV_UPLOAD_LIMIT_MB } from './csv-body.ts';
import { isInvalidInputError } from './database-errors.ts';
import { requestLocale } from './locale.ts';

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: Record<string, { code: ErrorCode; message: string }>;
    /** plan_required: the capability asked for and the lowest plan that has it. */
    feature?: string;
    plan?: string;
  };
}

export function errorBody(error: AppError, locale: Locale): ErrorBody {
  const body: ErrorBody = {
    error: { code: error.code, message: formatErrorMessage(error.code, locale, error.params) },
  };
  if (error.code === 'plan_required') {
    body.error.feature = String(error.params.feature);
    body.error.plan = String(error.params.plan);
  }
  if (error.fields) {
    body.error.fields = Object.fromEntries(
      Object.entries(error.fields).map(([field, code]) => [
        field,
        { code, message: formatErrorMessage(code, locale, error.fieldParams?.[field]) },
      ]),
    );
  }
  return body;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  return reply.status(errorStatus(error.code)).send(errorBody(error, requestLocale(request)));
}

/**
 * One error format for every route: `{ error: { code, message, fields? } }`. Domain errors keep their
 * code; a CSV file over the limit is csv_too_large; Fastify's other 4xx (bad JSON, too large) and values the database refuses (SQLSTATE class 22)
 * become bad_request; anything else is logged and answered as internal_error without details.
 */
export function registerErrorHandler(
  app: FastifyInstance,
  options: { onDatabaseFault?: (fault: DatabaseFault) => void } = {},
) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (errorStatus(error.code) === 429 && error.params.seconds) {
        reply.header('retry-after', String(error.params.seconds));
      }
      return sendError(request, reply, error);
    }
    const status = (error as FastifyError).statusCode;
    if (status === 413 && /^text\/csv\b/i.test(request.headers['content-type'] ?? '')) {
      // An import file over the limit: say what the limit is, so that the person can split the file.
      request.log.info({ err: error }, 'rejected request');
      return sendError(request, reply, new AppError('csv_too_large', { limit: CSV_UPLOAD_LIMIT_MB }));
    }
    if (status && status >= 400 && status < 500) {
      request.log.info({ err: error }, 'rejected request');
      return sendError(request, reply, new AppError(status === 404 ? 'not_found' : 'bad_request'));
    }
    // The database itself failed (gone, or refusing writes): 503 with a code that says so.
    const fault = databaseFault(error);
    if (fault) {
      request.log.error({ err: error, fault }, 'database fault');
      options.onDatabaseFault?.(fault);
      return sendError(request, reply, new AppError(fault.code));
    }
    if (isInvalidInputError(error)) {
      // A value the edge schemas let through: answer 400, and log it so the schema gets fixed.
      request.log.warn({ err: error }, 'database refused input');
      return sendError(request, reply, new AppError('bad_request'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, new AppError('internal_error'));
  });
}
