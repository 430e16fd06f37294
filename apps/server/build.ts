/**
 * Bundles the server into dist/main.mjs plus chunks beside it, and copies the SQL migrations there.
 * Our TypeScript, @timecard/domain and the npm packages are inlined: resolving and loading hundreds
 * of package files was half of a reused embedded start (bench/startup, ADR 004). Left external:
 * PGlite (its WebAssembly and data files sit beside its code) and the native argon2 binding.
 * main.ts loads the server with a dynamic import while PGlite opens, hence the code splitting.
 */
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { build } from 'esbuild';
import { openDatabase } from './src/db/database.ts';
import { migrateToLatest } from './src/db/migrate.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const external = ['@electric-sql/pglite', '@node-rs/argon2', 'pg-native'].flatMap((name) => [
  name,
  `${name}/*`,
]);

rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  // The embedded database's worker thread is an entry of its own (db/pglite-thread.ts finds it).
  entryPoints: { main: `${root}src/main.ts`, 'pglite-worker': `${root}src/db/pglite-worker.ts` },
  outdir: `${root}dist`,
  outExtension: { '.js': '.mjs' },
  // Chunks stay beside main.mjs: code that finds files by import.meta.url (migrations/, the web
  // build) sees the same directory from every chunk.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
  // Bundled CommonJS packages call require() for Node's modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
cpSync(`${root}src/db/migrations`, `${root}dist/migrations`, { recursive: true });

// A migrated embedded cluster (initdb and every migration of this build), copied into a new data
// directory on its first start instead of initialising one there: initdb inside WebAssembly and the
// migrations were most of a first start (issue 21, ADR 027; db/embedded.ts).
const template = `${root}dist/pgdata-template`;
const pglite = new PGlite(template);
await pglite.waitReady;
const database = await openDatabase({ pglite });
await migrateToLatest(database.db);
await database.close();
await pglite.close();
