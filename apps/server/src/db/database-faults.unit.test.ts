import { describe, expect, it } from 'vitest';
import { databaseFault } from './database-faults.ts';

/** The errors pg reports, by SQLSTATE or socket code (issue 12 §2, §10). */
const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('databaseFault', () => {
  it('names a database that is gone: restarts, refused and cut connections', () => {
    for (const error of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P03', 'the database system is starting up'),
      pgError('08006'),
      pgError('ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')]), {}),
    ]) {
      expect(databaseFault(error), String(error)).toEqual(
        expect.objectContaining({ code: 'database_unavailable' }),
      );
    }
  });

  it('names a database that refuses writes, with the cause', () => {
    expect(databaseFault(pgError('53100', 'could not extend file: No space left on device'))).toEqual({
      code: 'database_write_failed',
      cause: 'disk_full',
      sqlState: '53100',
    });
    expect(databaseFault(pgError('25006'))).toMatchObject({ cause: 'read_only' });
    expect(databaseFault(pgError('58030'))).toMatchObject({ cause: 'io_error' });
  });

  it('leaves the request’s own errors alone', () => {
    for (const error of [
      pgError('23505'),
      pgError('22021'),
      pgError('22P02'),
      new Error('boom'),
      'text',
      null,
    ]) {
      expect(databaseFault(error)).toBeUndefined();
    }
  });
});
