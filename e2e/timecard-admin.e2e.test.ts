import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';
import {
  addCodedStaff,
  knownWeekCsv,
  loginInBrowser,
  type OwnContract,
  readReportRows,
  readTimecardRows,
  readTotals,
  signUpOwnContract,
} from './support/timecard.ts';

// タイムカード, corrections with 修正履歴, 締め処理 and 集計・出力 in Chromium, in the Japanese UI (issue 6).
// The contract is the test's own, so the file runs on a fresh embedded database and on a shared
// PostgreSQL alike.
let server: StartedServer;
let browser: Browser;
let contract: OwnContract;
let worker: { id: number; name: string; code: string };
let second: { id: number; name: string; code: string };
let page: Page;

beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'warn' });
  browser = await launchBrowser();
  contract = await signUpOwnContract(server, 'tcadm');
  worker = await addCodedStaff(server, contract, { name: '勤務 一郎', code: 'W-1' });
  second = await addCodedStaff(server, contract, { name: '勤務 二郎', code: 'W-2' });
  const imported = await contract.admin.importPunches(knownWeekCsv('W-1'));
  expect(imported.status).toBe(201);
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  await loginInBrowser(page, server.url, contract.email, contract.password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const timecardUrl = (staffId: number, month = '2025-06') =>
  `${server.url}/admin/timecards/${staffId}?month=${month}`;

async function openTimecard(staffId = worker.id, month = '2025-06') {
  await page.goto(timecardUrl(staffId, month));
  await page.getByRole('row', { name: /2025\/06\/02/ }).waitFor();
}

async function expectNoSeriousAxe() {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** Waits until a day row's column reads `expected` (the query refetches after a save). */
async function expectDay(date: string, column: string, expected: string) {
  await expect
    .poll(async () => (await readTimecardRows(page))[date]?.[column], { timeout: 15_000 })
    .toBe(expected);
}

const hmm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

function dayRow(date: string) {
  return page.getByRole('row', { name: new RegExp(date.replaceAll('/', '\\/')) });
}

describe('タイムカード', () => {
  it('shows the known week: 労働時間 per day, warnings, and totals that are the sum of the rows', async () => {
    await openTimecard();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('タイムカード');
    const rows = await readTimecardRows(page);
    expect(rows['2025/06/02']).toMatchObject({
      日付: '2025/06/02(月)',
      出勤: '09:00',
      退勤: '18:00',
      休憩: '12:00–13:00',
      労働時間: '8:00',
      所定内: '8:00',
      法定外残業: '',
    });
    expect(rows['2025/06/03']).toMatchObject({ 労働時間: '10:00', 所定内: '8:00', 法定外残業: '2:00' });
    expect(rows['2025/06/04']).toMatchObject({
      労働時間: '8:00',
      所定内: '7:30',
      法定内残業: '0:30',
      遅刻: '0:30',
    });
    expect(rows['2025/06/05']?.警告).toContain('退勤の打刻がありません');
    expect(rows['2025/06/05']?.労働時間).toBe('');
    expect(rows['2025/06/06']?.警告).toContain('欠勤');
    expect(Object.keys(rows)).toHaveLength(30);

    const totals = await readTotals(page);
    expect(totals).toMatchObject({
      出勤日数: '3日',
      総労働時間: '26:00',
      所定内: '23:30',
      法定内残業: '0:30',
      法定外残業: '2:00',
      '法定外残業（60時間以下）': '2:00',
      '法定外残業（60時間超）': '0:00',
      深夜: '0:00',
      法定休日: '0:00',
      遅刻: '0:30',
      早退: '0:00',
      中抜け: '0:00',
      未打刻日数: '1日',
    });
    // The footer row of the table carries the same totals.
    const footer = await page.locator('table.tc-timecard-table tfoot tr').textContent();
    expect(footer).toContain('26:00');
    expect(await page.getByRole('img', { name: '日ごとの労働時間' }).count()).toBe(1);
    expect(await page.getByText('36協定の上限との比較').count()).toBe(1);
    expect(await page.getByRole('button', { name: '印刷' }).count()).toBe(1);
    await expectNoSeriousAxe();

    // Printed (A4): the menus and buttons are left out, the table and totals stay.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '印刷' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '修正' }).first().isVisible()).toBe(false);
    expect(await page.locator('table.tc-timecard-table').isVisible()).toBe(true);
    expect(await page.getByText('期間の合計').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('switches staff and period without losing place (both in the URL)', async () => {
    await openTimecard();
    await page.getByLabel('スタッフ').selectOption({ label: 'W-2 勤務 二郎' });
    await page.waitForURL(new RegExp(`/admin/timecards/${second.id}\\?month=2025-06$`));
    await page.getByRole('button', { name: '前月' }).click();
    await page.waitForURL(new RegExp(`/admin/timecards/${second.id}\\?month=2025-05$`));
    await page.getByRole('row', { name: /2025\/05\/31/ }).waitFor();
    await page.getByLabel('スタッフ').selectOption({ label: 'W-1 勤務 一郎' });
    await page.waitForURL(new RegExp(`/admin/timecards/${worker.id}\\?month=2025-05$`));
    await page.getByLabel('対象月').fill('2025-06');
    await page.waitForURL(new RegExp(`/admin/timecards/${worker.id}\\?month=2025-06$`));
    await expectDay('2025/06/03', '労働時間', '10:00');
    await page.getByRole('button', { name: '次月' }).click();
    await page.waitForURL(/month=2025-07$/);
    // 祝日 are named on their row.
    await page.getByRole('row', { name: /2025\/07\/21/ }).waitFor();
    expect((await readTimecardRows(page))['2025/07/21']?.日付).toMatch(/^2025\/07\/21\(月\)\s+海の日$/);
  });
});

describe('reading a month at 1,280 px (issue 11 §7)', () => {
  it('keeps the page from overflowing, the date column in place, warnings in words, names on one line', async () => {
    const narrow = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const view = await narrow.newPage();
    await loginInBrowser(view, server.url, contract.email, contract.password);
    await view.goto(timecardUrl(worker.id));
    await view.getByRole('row', { name: /2025\/06\/02/ }).waitFor();
    const layout = () =>
      view.evaluate(() => {
        const table = document.querySelector('table.tc-timecard-table') as HTMLElement;
        let scroller = table.parentElement as HTMLElement;
        while (scroller.parentElement && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) {
          scroller = scroller.parentElement;
        }
        const date = table.querySelector('tbody tr th') as HTMLElement;
        return {
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          scrollerLeft: scroller.getBoundingClientRect().left,
          dateLeft: date.getBoundingClientRect().left,
          canScroll: scroller.scrollWidth > scroller.clientWidth,
        };
      });
    expect((await layout()).pageOverflow).toBeLessThanOrEqual(0);
    // Scrolled sideways, the date stays at the left edge of the table's box.
    await view.evaluate(() => {
      let scroller = document.querySelector('table.tc-timecard-table')?.parentElement as HTMLElement;
      while (scroller.parentElement && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) {
        scroller = scroller.parentElement;
      }
      scroller.scrollLeft = 400;
    });
    const scrolled = await layout();
    expect(scrolled.canScroll).toBe(true);
    expect(Math.abs(scrolled.dateLeft - scrolled.scrollerLeft)).toBeLessThan(2);
    // The 未打刻 day says so in words that fit (not a clipped red badge).
    const warning = view.getByText('退勤の打刻がありません').first();
    const box = await warning.evaluate((el) => ({
      clipped: el.scrollWidth > el.clientWidth + 1,
      text: el.textContent,
    }));
    expect(box).toEqual({ clipped: false, text: '退勤の打刻がありません' });

    await view.goto(`${server.url}/admin/reports?from=2025-06-01&to=2025-06-30`);
    const name = view.getByRole('link', { name: '勤務 一郎' });
    await name.waitFor();
    const lines = await name.evaluate((el) =>
      Math.round(el.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(el).lineHeight)),
    );
    expect(lines).toBe(1);
    expect(
      await view.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await narrow.close();
  });
});

describe('修正 (corrections)', () => {
  it('saves a correction with its 修正理由, updates the totals at once and shows the 修正履歴', async () => {
    await openTimecard();
    await dayRow('2025/06/04').getByRole('button', { name: '修正' }).click();
    const dialog = page.getByRole('dialog', { name: '打刻の修正 2025/06/04(水)' });
    await dialog.waitFor();
    await expectNoSeriousAxe();
    await dialog.getByLabel('時刻').first().fill('09:00');
    await dialog.getByLabel('修正理由').fill('打刻機の故障（本人の申告による）');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectDay('2025/06/04', '遅刻', '');
    await expectDay('2025/06/04', '労働時間', '8:30');
    expect((await readTotals(page)).総労働時間).toBe('26:30');
    expect(await page.getByText('2025/06/04(水)の打刻を修正しました。').count()).toBe(1);

    await dayRow('2025/06/04')
      .getByRole('button', { name: /修正済/ })
      .click();
    const history = page.getByRole('dialog', { name: '修正履歴' });
    await history.waitFor();
    const text = await history.textContent();
    expect(text).toContain('打刻機の故障（本人の申告による）');
    expect(text).toContain('出勤 2025/06/04 09:30 → 出勤 2025/06/04 09:00');
    expect(text).toContain('店主 花子');
    expect(text).toContain('元の打刻: 出勤 2025/06/04 09:30');
    await expectNoSeriousAxe();
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'hidden' });
  });

  it('does not save without 修正理由 and says so', async () => {
    await openTimecard();
    await dayRow('2025/06/05').getByRole('button', { name: '修正' }).click();
    const dialog = page.getByRole('dialog', { name: /打刻の修正/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '打刻を追加' }).click();
    expect(await dialog.getByLabel('種類').last().inputValue()).toBe('clock_out');
    await dialog.getByLabel('時刻').last().fill('18:00');
    await dialog.getByRole('button', { name: '保存' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe('修正の理由を入力してください。');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    expect((await readTimecardRows(page))['2025/06/05']?.警告).toContain('退勤の打刻がありません');
  });

  it('締める closes the period: a correction is refused with the message until 締めを解除', async () => {
    await openTimecard();
    expect(await page.getByText('未締め', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: '締める' }).click();
    const confirm = page.getByRole('dialog', { name: '期間を締める' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('2025/06/01(日)〜2025/06/30(月) の期間を締めます');
    // The period has a 未打刻 day: the dialog names who, before OK closes it anyway.
    await confirm.getByText('未打刻の日があるスタッフが1人います:').waitFor();
    expect(await confirm.textContent()).toContain('W-1 勤務 一郎（未打刻 1日）');
    await confirm.getByRole('button', { name: 'OK' }).click();
    await page.getByText('締め済み', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: '締めを解除' }).count()).toBe(1);

    // A closed period is read-only: no 修正 that could only fail on save.
    await expect.poll(() => dayRow('2025/06/05').getByRole('button', { name: '修正' }).count()).toBe(0);
    expect(
      await page.getByText('この期間は締め済みです。修正するには、管理者が締めを解除してください。').count(),
    ).toBe(1);

    await page.getByRole('button', { name: '締めを解除' }).click();
    const reopen = page.getByRole('dialog', { name: '締めを解除する' });
    expect(await reopen.textContent()).toContain('締めを解除します');
    await reopen.getByRole('button', { name: 'OK' }).click();
    await page.getByText('未締め', { exact: true }).waitFor();

    await dayRow('2025/06/05').getByRole('button', { name: '修正' }).click();
    const again = page.getByRole('dialog', { name: /打刻の修正/ });
    await again.getByRole('button', { name: '打刻を追加' }).click();
    await again.getByLabel('時刻').last().fill('18:00');
    await again.getByLabel('修正理由').fill('退勤の打刻忘れ');
    await again.getByRole('button', { name: '保存' }).click();
    await again.waitFor({ state: 'detached' });
    // 09:00–18:00 without a punched break: 9 hours, and the engine's break warning in words.
    await expectDay('2025/06/05', '労働時間', '9:00');
    expect((await readTimecardRows(page))['2025/06/05']?.警告).toContain('休憩が法定の時間に足りません');
    expect((await readTotals(page)).総労働時間).toBe('35:30');
    expect((await readTotals(page)).未打刻日数).toBe('0日');
  });
});

describe('修正 that makes no sense', () => {
  it('names the row of a 退勤 before its 出勤 and suggests 翌日; with 翌日 ticked it saves', async () => {
    const night = await addCodedStaff(server, contract, { name: '夜勤 三郎', code: 'W-3' });
    await openTimecard(night.id);
    await dayRow('2025/06/06').getByRole('button', { name: '修正' }).click();
    const dialog = page.getByRole('dialog', { name: /打刻の修正/ });
    await dialog.getByRole('button', { name: '打刻を追加' }).click();
    await dialog.getByLabel('時刻').last().fill('22:00');
    await dialog.getByRole('button', { name: '打刻を追加' }).click();
    await dialog.getByLabel('時刻').last().fill('06:00');
    await dialog.getByLabel('修正理由').fill('夜勤の打刻忘れ');
    await dialog.getByRole('button', { name: '保存' }).click();
    const message = dialog.getByText(
      '退勤が出勤より前の時刻です。日をまたぐ勤務なら「翌日」にチェックを入れてください。',
    );
    await message.waitFor();
    await dialog.getByLabel('翌日').last().check();
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectDay('2025/06/06', '労働時間', '8:00');
  });
});

describe('集計・出力', () => {
  it('shows the timecard totals per person and downloads the same figures as CSV', async () => {
    const timecard = await contract.admin.ok('GET', `/timecards/${worker.id}?month=2025-06`);
    await page.goto(`${server.url}/admin/reports?from=2025-06-01&to=2025-06-30`);
    await page.getByRole('link', { name: 'CSVダウンロード' }).waitFor();
    await expect.poll(async () => Object.keys(await readReportRows(page))).toContain('W-1');
    const rows = await readReportRows(page);
    const totals = timecard.totals;
    expect(rows['W-1']).toMatchObject({
      スタッフコード: 'W-1',
      名前: '勤務 一郎',
      出勤日数: String(totals.attendedDays),
      総労働時間: hmm(totals.worked),
      所定内: hmm(totals.scheduledWithin),
      法定内残業: hmm(totals.statutoryWithinOvertime),
      法定外残業: hmm(totals.statutoryOvertime),
      '60時間以下': hmm(totals.statutoryOvertimeUpTo60h),
      '60時間超': hmm(totals.statutoryOvertimeOver60h),
      深夜: hmm(totals.lateNight),
      法定休日: hmm(totals.legalHolidayWork),
      遅刻: hmm(totals.late),
      早退: hmm(totals.earlyLeave),
      欠勤: String(totals.absenceDays),
      有給: String(totals.paidLeaveDays),
    });
    // Mon 8:00, Tue 10:00, Wed 8:30 (corrected), Thu 9:00: 35:30, of which 法定外残業 3:30.
    expect(rows['W-1']).toMatchObject({
      出勤日数: '4',
      総労働時間: '35:30',
      所定内: '32:00',
      法定外残業: '3:30',
    });
    await expectNoSeriousAxe();

    const href = await page.getByRole('link', { name: 'CSVダウンロード' }).getAttribute('href');
    expect(href).toBe(
      '/api/v1/reports/attendance.csv?from=2025-06-01&to=2025-06-30&encoding=utf-8&hours=hmm',
    );
    const utf8 = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { bom: [...bytes.slice(0, 3)], text: new TextDecoder('utf-8').decode(bytes.slice(3)) };
    }, href!);
    expect(utf8.bom).toEqual([0xef, 0xbb, 0xbf]);
    const lines = utf8.text.split('\r\n');
    expect(lines[0]).toMatch(/^スタッフコード,名前,出勤日数,総労働時間,所定内,法定内残業,法定外残業,/);
    const w1 = lines.find((line) => line.startsWith('W-1,'))!.split(',');
    expect(w1.slice(0, 7)).toEqual(['W-1', '勤務 一郎', '4', '35:30', '32:00', '0:00', '3:30']);

    await page.getByLabel('Shift_JIS').check();
    await page.getByLabel('10進数（164.52）').check();
    await expect.poll(async () => (await readReportRows(page))['W-1']?.総労働時間).toBe('35.50');
    const sjisHref = await page.getByRole('link', { name: 'CSVダウンロード' }).getAttribute('href');
    expect(sjisHref).toContain('encoding=shift_jis');
    expect(sjisHref).toContain('hours=decimal');
    const sjis = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return new TextDecoder('shift_jis').decode(await response.arrayBuffer());
    }, sjisHref!);
    expect(sjis.split('\r\n')[0]).toMatch(/^スタッフコード,名前,出勤日数,総労働時間,/);
    expect(sjis).toContain('W-1,勤務 一郎,4,35.50,32.00,0.00,3.50');
  });

  it('imports punch data from a CSV file, or names each bad row', async () => {
    await page.goto(`${server.url}/admin/reports?from=2025-06-01&to=2025-06-30`);
    const file = page.getByLabel('CSVファイル');
    await file.setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('staff_code,type,at\nNOBODY,clock_in,2025-06-09T09:00\nW-2,lunch,2025-06-09\n'),
    });
    await page.getByRole('button', { name: '取り込む' }).click();
    const problems = page.getByRole('alert').filter({ hasText: '行目' });
    await problems.waitFor();
    const text = await problems.textContent();
    expect(text).toContain('2 行に誤りがあるため、何も登録しませんでした。');
    expect(text).toContain('2行目: staff_code: スタッフが見つかりません。');
    expect(text).toContain('3行目: type:');
    expect(text).toContain('3行目: at:');

    await file.setInputFiles({
      name: 'w2.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'staff_code,type,at\r\nW-2,clock_in,2025-06-09T09:00\r\nW-2,break_start,2025-06-09T12:00\r\nW-2,break_end,2025-06-09T13:00\r\nW-2,clock_out,2025-06-09T18:00\r\n',
      ),
    });
    await page.getByRole('button', { name: '取り込む' }).click();
    await page.getByText('4件の打刻を取り込みました').waitFor();
    await expect.poll(async () => (await readReportRows(page))['W-2']?.総労働時間).toBe('8:00');
    await expectNoSeriousAxe();
  });
});
