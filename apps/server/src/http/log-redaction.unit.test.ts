import { describe, expect, it } from 'vitest';
import { redactTokens } from './log-redaction.ts';

describe('redactTokens', () => {
  it('hides the token of every link path, keeping the rest of the URL', () => {
    expect(redactTokens('/api/v1/auth/tokens/AbC-123_x')).toBe('/api/v1/auth/tokens/[redacted]');
    expect(redactTokens('/admin/password-reset/AbC-123_x?lang=en')).toBe(
      '/admin/password-reset/[redacted]?lang=en',
    );
    expect(redactTokens('/admin/verify/AbC-123_x')).toBe('/admin/verify/[redacted]');
    expect(redactTokens('/admin/password-reset')).toBe('/admin/password-reset');
    expect(redactTokens('/api/v1/auth/verify')).toBe('/api/v1/auth/verify');
    expect(redactTokens('/api/v1/staff?q=verify')).toBe('/api/v1/staff?q=verify');
  });
});
