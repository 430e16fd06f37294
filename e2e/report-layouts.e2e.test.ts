import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';
import { addCodedStaff, loginInBrowser, type OwnContract, signUpOwnContract } from './support/timecard.ts';

// 集計・出力 > 出力レイアウト in Chromium (issue 14): a layout edited on the page (a column added,
// moved up, its header renamed, the header line previewed, saved), then chosen beside the download,
// and the file downloaded in that layout.
let server: StartedServer;
let browser: Browser;
let contract: OwnContract;
let page: Page;

beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'warn' });
  browser = await launchBrowser();
  contract = await signUpOwnContract(server, 'layout', 'standard');
  const worker = await addCodedStaff(server, contract, { name: '出力 一郎', code: 'L-1' });
  // Mon 2025-06-02, 09:00–10:31: 1 h 31 min worked (1.52 in decimal hours).
  await contract.admin.ok('PUT', `/timecards/${worker.id}/days/2025-06-02`, {
    punches: [
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'clock_out', at: '2025-06-02T10:31' },
    ],
    reason: '打刻忘れ',
  });
  // A layout saved through the API: 従業員コード and 名前 only, UTF-8, minutes.
  await contract.admin.ok('POST', '/report-layouts', {
    name: '下書き',
    columns: [
      { key: 'code', header: '社員番号' },
      { key: 'name', header: '氏名' },
    ],
    timeFormat: 'minutes',
    encoding: 'utf-8',
    lineEnding: 'crlf',
    quoting: 'minimal',
  });
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  await loginInBrowser(page, server.url, contract.email, contract.password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('集計・出力 > 出力レイアウト', () => {
  it('edits a layout, chooses it beside the download and downloads the file in it', async () => {
    await page.goto(`${server.url}/admin/reports?from=2025-06-01&to=2025-06-30`);
    await page.getByRole('button', { name: '出力レイアウトを編集' }).click();
    const editor = page.locator('#report-layout-editor');
    await editor.getByLabel('編集するレイアウト').selectOption({ label: '下書き' });
    await expect.poll(() => editor.getByLabel('レイアウト名').inputValue()).toBe('下書き');

    // Add 総労働時間, move it above 氏名, rename it, and switch to Shift_JIS and 10進.
    await editor.getByLabel('追加する列').selectOption({ label: '総労働時間' });
    await editor.getByRole('button', { name: '列を追加' }).click();
    await editor.getByRole('button', { name: '「総労働時間」を上へ' }).click();
    await editor.getByLabel('総労働時間', { exact: true }).fill('労働時間');
    await editor.getByRole('radio', { name: '10進（164.52）' }).check();
    await editor.getByRole('radio', { name: 'Shift_JIS', exact: true }).check();
    await expect.poll(() => page.getByTestId('layout-preview').textContent()).toBe('社員番号,労働時間,氏名');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await editor.getByRole('button', { name: 'レイアウトを保存' }).click();
    await page.getByText('出力レイアウト「下書き」を保存しました。').waitFor();

    // A duplicate header is refused and named.
    await editor.getByLabel('名前', { exact: true }).fill('社員番号');
    await editor.getByRole('button', { name: 'レイアウトを保存' }).click();
    await page.getByRole('alert').filter({ hasText: '同じ見出しの列が複数あります。' }).first().waitFor();

    // Choose it beside the download: its own encoding and time format apply.
    await page.getByLabel('出力レイアウト', { exact: true }).selectOption({ label: '下書き' });
    const link = page.getByRole('link', { name: 'CSVダウンロード' });
    await expect.poll(() => link.getAttribute('href')).toContain('layout=');
    const href = (await link.getAttribute('href'))!;
    const file = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        type: response.headers.get('content-type'),
        first: [...bytes.slice(0, 2)],
        text: new TextDecoder('shift_jis').decode(bytes),
      };
    }, href);
    expect(file.type).toBe('text/csv; charset=Shift_JIS');
    expect(file.first).toEqual([0x8e, 0xd0]); // 社 in Shift_JIS: no BOM
    expect(file.text.startsWith('社員番号,労働時間,氏名\r\n')).toBe(true);
    expect(file.text).toContain('\r\nL-1,1.52,出力 一郎\r\n');
  });
});
