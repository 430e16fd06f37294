import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { csvProblems, isCsvRejection } from './csvUpload.ts';

describe('an import report', () => {
  it('names each bad row in row order, other fields last', () => {
    const problems = csvProblems({
      'row10.at': { message: 'B' },
      file: { message: 'D' },
      'row3.staff_code': { message: 'A' },
      'row3.type': { message: 'C' },
    });
    expect(problems).toEqual([
      { row: 3, field: 'staff_code', message: 'A' },
      { row: 3, field: 'type', message: 'C' },
      { row: 10, field: 'at', message: 'B' },
      { row: null, field: 'file', message: 'D' },
    ]);
  });

  it('is shown for a rejected file, capped or not', () => {
    expect(isCsvRejection(new ApiError(400, 'csv_rows_rejected', 'x'))).toBe(true);
    expect(isCsvRejection(new ApiError(400, 'csv_rows_rejected_many', 'x'))).toBe(true);
    expect(isCsvRejection(new ApiError(413, 'csv_too_large', 'x'))).toBe(false);
  });
});
