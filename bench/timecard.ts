/**
 * bench/timecard: 集計・出力 for an office of 500 staff with a full month of punches (22 working
 * days, a lunch break each, some overtime and a few night shifts), from request to last byte,
 * against a started server on PostgreSQL and on the embedded database. Target (issue 6): under 2 s
 * on PostgreSQL; issue 21: < 200 ms on PostgreSQL, < 400 ms embedded, within 3× of the machine's
 * limit measured in the same run (one SELECT of the same punches plus the pure aggregation). The
 * CSV is checked: one row per person plus the header.
 *
 * Run: npm run build && npm run bench:timecard   (STAFF=500 to change the size)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, withTenant } from '../apps/server/src/db/database.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import {
  firstOffices,
  listPunchEvents,
  listReportStaff,
} from '../apps/server/src/repositories/timecard.repository.ts';
import { createContract } from '../apps/server/src/services/contract.service.ts';
import { parseCsv } from '../apps/server/src/services/csv.ts';
import { importPunches } from '../apps/server/src/services/punch-import.service.ts';
import { importStaff, readStaffCsv } from '../apps/server/src/services/staff-import.service.ts';
import {
  countedEvents,
  figuresOf,
  judgementFor,
  loadLaborContext,
  loadWindow,
  runEngine,
  settingsFor,
} from '../apps/server/src/services/timecard.service.ts';
import { ApiCaller } from '../e2e/support/accounts.ts';
import { startServer } from '../e2e/support/server.ts';
import { withFreshPostgres } from './support.ts';

const STAFF = Number(process.env.STAFF ?? 500);
const RUNS = 5;

function monthOfPunches(): string {
  const lines = ['staff_code,type,at'];
  for (let s = 0; s < STAFF; s++) {
    const code = `B${String(s).padStart(4, '0')}`;
    for (let day = 1; day <= 30; day++) {
      const date = `2025-06-${String(day).padStart(2, '0')}`;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      if ((s + day) % 17 === 0) {
        // a night shift past midnight
        const next = new Date(Date.UTC(2025, 5, day + 1)).toISOString().slice(0, 10);
        lines.push(`${code},clock_in,${date}T21:00`, `${code},clock_out,${next}T05:30`);
        continue;
      }
      const start = 8 * 60 + 45 + ((s * 7 + day) % 30);
      const end = 17 * 60 + 50 + ((s * 13 + day * 5) % 150);
      const hhmm = (m: number) =>
        `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      lines.push(
        `${code},clock_in,${date}T${hhmm(start)}`,
        `${code},break_start,${date}T12:00`,
        `${code},break_end,${date}T13:00`,
        `${code},clock_out,${date}T${hhmm(end)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function seed(target: { databaseUrl?: string; dataDir?: string }) {
  const database = await openDatabase(target);
  await migrateToLatest(database.db);
  const contractId = `tc-${Date.now().toString(36)}`;
  const email = `owner@${contractId}.example.com`;
  const password = 'bench password';
  await createContract(database.db, {
    contractId,
    name: '集計商店',
    plan: 'enterprise',
    adminEmail: email,
    adminPassword: password,
  });
  const staffCsv = ['名前,スタッフコード,所属事業所'];
  for (let s = 0; s < STAFF; s++) staffCsv.push(`計測 ${s},B${String(s).padStart(4, '0')},1`);
  const ctx = { db: database.db, publicUrl: 'http://localhost' };
  let started = performance.now();
  await importStaff(ctx, contractId, readStaffCsv(parseCsv(staffCsv.join('\n'))));
  const staffSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const result = await importPunches(ctx, contractId, Buffer.from(monthOfPunches()));
  const punchSeconds = (performance.now() - started) / 1000;
  await database.close();
  console.log(
    `  seeded ${STAFF} staff in ${staffSeconds.toFixed(1)} s and ${result.imported} punches in ${punchSeconds.toFixed(1)} s`,
  );
  return { contractId, email, password };
}

/**
 * The machine's limit for the same report, in the same run: one SELECT of the same punches (the
 * staff list and their month, as the report reads them) plus the pure aggregation (the labour
 * engine over each person's events), in this process, no HTTP, no CSV. Median of RUNS.
 */
async function machineLimit(target: { databaseUrl?: string; dataDir?: string }, contractId: string) {
  const database = await openDatabase(target);
  const period = { from: '2025-06-01', to: '2025-06-30' };
  const window = loadWindow(period);
  const selects: number[] = [];
  const aggregates: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      await withTenant(database.db, contractId, async (trx) => {
        const context = await loadLaborContext(trx, contractId);
        const staff = await listReportStaff(trx, contractId, { officeId: 1 });
        const offices = await firstOffices(
          trx,
          contractId,
          staff.map((s) => s.id),
        );
        let started = performance.now();
        const rows = await listPunchEvents(
          trx,
          contractId,
          staff.map((s) => s.id),
          window.from,
          window.to,
        );
        selects.push(performance.now() - started);
        started = performance.now();
        const byStaff = new Map<number, typeof rows>();
        for (const row of rows) {
          const list = byStaff.get(row.staffId);
          if (list) list.push(row);
          else byStaff.set(row.staffId, [row]);
        }
        for (const person of staff) {
          const settings = settingsFor(context, offices.get(person.id), undefined, period, undefined);
          const { events } = countedEvents(
            byStaff.get(person.id) ?? [],
            context.timeZone,
            settings,
            undefined,
          );
          const judgement = judgementFor({}, person, events, context.timeZone, settings.dayBoundary);
          figuresOf(runEngine(settings, period, events, judgement));
        }
        aggregates.push(performance.now() - started);
      });
    }
  } finally {
    await database.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { select: median(selects), aggregate: median(aggregates) };
}

function reportLimit(label: string, median: number, limit: { select: number; aggregate: number }) {
  const sum = limit.select + limit.aggregate;
  console.log(
    `${''.padEnd(22)} machine's limit ${sum.toFixed(0)} ms (SELECT ${limit.select.toFixed(0)} ms + aggregation ${limit.aggregate.toFixed(0)} ms) → ratio ${(median / sum).toFixed(1)}× (goal ≤ 3×) [${label}]`,
  );
}

async function measure(
  label: string,
  env: Record<string, string>,
  options: { dataDir?: string },
  login: { email: string; password: string },
) {
  const server = await startServer({ LOG_LEVEL: 'warn', ...env }, options);
  try {
    const admin = new ApiCaller(server.url);
    await admin.login(login.email, login.password);
    const cookie = (admin as unknown as { cookies: Map<string, string> }).cookies;
    const header = [...cookie].map(([k, v]) => `${k}=${v}`).join('; ');
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const response = await fetch(
        `${server.url}/api/v1/reports/attendance.csv?from=2025-06-01&to=2025-06-30&officeId=1&encoding=shift_jis&hours=decimal`,
        { headers: { cookie: header } },
      );
      const body = Buffer.from(await response.arrayBuffer());
      times.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`${label}: ${response.status} ${body.toString()}`);
      rows = body.toString('latin1').split('\r\n').filter(Boolean).length - 1;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(
      `${label.padEnd(22)} ${rows} rows; median ${median.toFixed(0)} ms, best ${times[0]!.toFixed(0)} ms, first ${times.at(-1)!.toFixed(0)} ms (max)`,
    );
    // The 500 people plus the administrator, who also belongs to 本店.
    if (rows !== STAFF + 1) throw new Error(`expected ${STAFF + 1} rows, got ${rows}`);
    return median;
  } finally {
    await server.stop();
  }
}

console.log(`bench/timecard: 集計・出力 CSV for one office of ${STAFF} staff, June 2025`);
await withFreshPostgres('timecard', async (url) => {
  const login = await seed({ databaseUrl: url });
  const median = await measure('PostgreSQL', { DATABASE_URL: url }, {}, login);
  reportLimit('PostgreSQL', median, await machineLimit({ databaseUrl: url }, login.contractId));
  console.log(`  target < 200 ms on PostgreSQL (issue 21): ${median < 200 ? 'met' : 'NOT met'}`);
});
{
  const dataDir = mkdtempSync(join(tmpdir(), 'timecard-bench-'));
  try {
    const login = await seed({ dataDir });
    const median = await measure('embedded (PGlite)', { DATABASE_URL: '' }, { dataDir }, login);
    reportLimit('embedded', median, await machineLimit({ dataDir }, login.contractId));
    console.log(`  target < 400 ms embedded (issue 21): ${median < 400 ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
