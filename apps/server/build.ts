/**
 * Bundles the server into dist/main.mjs (our TypeScript and @timecard/domain inlined, npm packages
 * left external) and copies the SQL migrations beside it. Starting the bundle skips tsx's
 * transform of every file, which is most of a reused embedded start (bench/startup).
 */
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
};
const domainPkg = JSON.parse(readFileSync(`${root}../../packages/domain/package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
};
const external = [...Object.keys(pkg.dependencies), ...Object.keys(domainPkg.dependencies)].flatMap(
  (name) => [name, `${name}/*`],
);

rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  entryPoints: { main: `${root}src/main.ts` },
  outdir: `${root}dist`,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
cpSync(`${root}src/db/migrations`, `${root}dist/migrations`, { recursive: true });
