import { describe, expect, it } from 'vitest';
import { announceDemoContract, demoBanner } from './demo-banner.ts';

// Issue 11 §9: the first start's demo password as a framed block on the console, never in the JSON log.
const demo = { email: 'admin@demo.example.com', password: 'pw-Xy12_abcDEF' };

describe('the demo contract announcement', () => {
  it('prints the password in a plain framed block, and logs the event without it', () => {
    const logged: { details: object; message: string }[] = [];
    let printed = '';
    announceDemoContract(
      demo,
      'http://localhost:3000',
      { info: (details, message) => logged.push({ details, message }) },
      (text) => {
        printed += text;
      },
    );
    expect(printed).toBe(demoBanner(demo, 'http://localhost:3000'));
    const lines = printed.split('\n');
    expect(lines).toContain(`  パスワード / Password    : ${demo.password}`);
    expect(lines).toContain('  管理画面 / Admin console : http://localhost:3000/admin');
    expect(lines.filter((line) => /^=+$/.test(line))).toHaveLength(2);
    expect(printed).not.toContain('{');
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain(demo.password);
    expect(logged[0]!.details).toEqual({ contractId: 'demo', email: demo.email });
  });
});
