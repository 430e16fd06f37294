/**
 * The server's entry (`npm start` runs its bundle). Opening the embedded database is most of a
 * start, so it begins first, in a worker thread (ADR 009), before the rest of the server (and even
 * the validation of the configuration) is loaded; server.ts does the rest meanwhile on this thread
 * (bench/startup, ADR 004). Only the choice of engine is read here, by the same rule as config.ts:
 * an empty variable counts as unset.
 */
import { openEmbedded } from './db/embedded.ts';

async function main() {
  const embedded = process.env.DATABASE_URL
    ? undefined
    : openEmbedded(process.env.DATA_DIR || './data', { thread: true });
  // Awaited in startServer; until then a failure must not count as unhandled.
  embedded?.catch(() => {});
  const { startServer } = await import('./server.ts');
  await startServer(embedded);
}

main().catch(async (error: unknown) => {
  if (error instanceof Error && error.name === 'ConfigError') {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const { formatErrorMessage, isAppError } = await import('@timecard/domain/errors');
  if (isAppError(error)) {
    process.stderr.write(
      `${formatErrorMessage(error.code, 'ja', error.params)}\n${formatErrorMessage(error.code, 'en', error.params)}\n`,
    );
  } else {
    process.stderr.write(
      `起動できませんでした / failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
