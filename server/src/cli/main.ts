// mlsd-lint: checks ML system design docs from the command line (CI, pre-commit).
// Bundled to dist/cli-main.js, which the launcher (launch.ts, dist/cli.js) loads; this runs on load.
// The same bundle is the script of the lint worker thread (isolated-linter.ts), told apart by its workerData.
import { isMainThread, workerData } from 'node:worker_threads';
import { EXIT_USAGE_OR_IO, runCli } from './run';
import { runLintWorker } from './worker';
import { WORKER_ROLE, type LintWorkerData } from './worker-start';

if (!isMainThread && (workerData as Partial<LintWorkerData> | null)?.role === WORKER_ROLE) {
  runLintWorker();
} else {
  // `mlsd-lint ... | head` closes stdout early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

  runCli(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`mlsd-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = EXIT_USAGE_OR_IO;
    },
  );
}
