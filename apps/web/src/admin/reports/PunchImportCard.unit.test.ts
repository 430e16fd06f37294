import { describe, expect, it } from 'vitest';
import { rowProblems } from './PunchImportCard.tsx';

describe('punch import errors', () => {
  it('names each bad row in row order', () => {
    const lines = rowProblems(
      {
        'row10.at': { message: 'B' },
        'row3.staff_code': { message: 'A' },
        'row3.type': { message: 'C' },
      },
      (row, field, message) => `${row}行目: ${field}: ${message}`,
    );
    expect(lines).toEqual(['3行目: staff_code: A', '3行目: type: C', '10行目: at: B']);
  });
});
