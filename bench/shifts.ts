/**
 * bench/shifts: the 月間シフト表 of one office with 30 staff × 31 days (issue 15) — saving every cell
 * (PUT /offices/:id/shifts, 930 cells) and loading the table with its wishes, totals and frame
 * (GET /offices/:id/shifts), on this machine's PostgreSQL, through the app's own request handling.
 * Target: each under 300 ms (median).
 *
 * Run: npm run bench:shifts   (STAFF=30 to change the size)
 */
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import { ApiClient } from '../apps/server/src/testing/api-client.ts';
import { buildContract, buildStaff } from '../apps/server/src/testing/factories.ts';
import { withFreshPostgres } from './support.ts';

const STAFF = Number(process.env.STAFF ?? 30);
const RUNS = 7;
const DAYS = Array.from({ length: 31 }, (_, i) => `2027-01-${String(i + 1).padStart(2, '0')}`);

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

console.log(`bench/shifts: a shift table of ${STAFF} staff × ${DAYS.length} days on PostgreSQL`);
await withFreshPostgres('shifts', async (url) => {
  const database = await openDatabase({ databaseUrl: url });
  await migrateToLatest(database.db);
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  try {
    const contract = await buildContract(database.db, { plan: 'premium' });
    const staff: number[] = [];
    for (let s = 0; s < STAFF; s++) {
      const person = await buildStaff(database.db, contract.contractId, {
        name: `計測 ${s}`,
        code: `S${s}`,
        email: null,
        offices: [{ officeId: 1 }],
      });
      staff.push(person.staffId);
    }
    const admin = new ApiClient(app);
    await admin.login(contract.adminEmail, contract.adminPassword);
    const early = await admin.post('/offices/1/shift-patterns', {
      name: '早番',
      start: '09:00',
      end: '18:00',
      breaks: [['12:00', '13:00']],
    });
    const late = await admin.post('/offices/1/shift-patterns', {
      name: '遅番',
      start: '13:00',
      end: '22:00',
    });
    const saves: number[] = [];
    const loads: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const cells = staff.flatMap((staffId, s) =>
        DAYS.map((date, d) =>
          (s + d + run) % 7 === 0
            ? { kind: 'off', staffId, date }
            : { kind: 'pattern', staffId, date, patternId: (s + d + run) % 2 ? early.body.id : late.body.id },
        ),
      );
      let started = performance.now();
      const saved = await admin.put('/offices/1/shifts', { cells });
      saves.push(performance.now() - started);
      if (saved.status !== 200) throw new Error(`save: ${saved.status} ${JSON.stringify(saved.body)}`);
      started = performance.now();
      const table = await admin.get('/offices/1/shifts?from=2027-01-01&to=2027-01-31');
      loads.push(performance.now() - started);
      if (table.status !== 200) throw new Error(`load: ${table.status}`);
    }
    const save = median(saves);
    const load = median(loads);
    console.log(
      `  save ${STAFF * DAYS.length} cells: median ${save.toFixed(0)} ms (best ${Math.min(...saves).toFixed(0)})`,
    );
    console.log(
      `  load the table:      median ${load.toFixed(0)} ms (best ${Math.min(...loads).toFixed(0)})`,
    );
    console.log(`  target < 300 ms each on PostgreSQL: ${save < 300 && load < 300 ? 'met' : 'NOT met'}`);
  } finally {
    await app.close();
    await database.close();
  }
});
