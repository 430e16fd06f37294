import { AppError, type ErrorCode, errorStatus, formatErrorMessage, type Locale } from '@timecard/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestLocale } from './locale.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, { code: ErrorCode; message: string }> };
}

export function errorBody(error: AppError, locale: Locale): ErrorBody {
  const body: ErrorBody = {
    error: { code: error.code, message: formatErrorMessage(error.code, locale, error.params) },
  };
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
 * code; Fastify's own 4xx (bad JSON, too large) become bad_request; anything else is logged and
 * answered as internal_error without details.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (errorStatus(error.code) === 429 && error.params.seconds) {
        reply.header('retry-after', String(error.params.seconds));
      }
      return sendError(request, reply, error);
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      request.log.info({ err: error }, 'rejected request');
      return sendError(request, reply, new AppError(status === 404 ? 'not_found' : 'bad_request'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, new AppError('internal_error'));
  });
}
