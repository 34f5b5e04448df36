// mlsd-lint's launcher, bundled to dist/cli.js (bin/mlsd-lint.js requires it). It starts the first lint
// worker, then loads the CLI itself (main.ts, dist/cli-main.js, 1.3 MB), so that the worker's start
// and the CLI's load overlap instead of following each other (docs/perf.md).
import { join } from 'node:path';
import { startEarlyLintWorker } from './worker-start';

const main = join(__dirname, 'cli-main.js');
startEarlyLintWorker(main, process.argv.slice(2));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded at run time
require(main);
