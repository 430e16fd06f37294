import type { FastifyInstance } from 'fastify';

/** The largest CSV file an import takes, in MB: the one figure the parser and the 413 message share. */
export const CSV_UPLOAD_LIMIT_MB = 10;

/**
 * Lets the routes of a plugin take a CSV file (`Content-Type: text/csv`) as its bytes, up to
 * CSV_UPLOAD_LIMIT_MB; the import decodes them (UTF-8 or Shift_JIS). A larger file is answered 413
 * `csv_too_large`, naming the limit (error-handler.ts).
 */
export function acceptCsvBodies(app: FastifyInstance) {
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: CSV_UPLOAD_LIMIT_MB * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
}
