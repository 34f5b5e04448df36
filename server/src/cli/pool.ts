// Lints files on a pool of lint workers, one per core but one: each worker is an IsolatedLinter (its
// own thread, stopped and replaced when a file runs over --file-timeout), sent its next file while it
// checks the current one (FILES_IN_FLIGHT), so it never waits for the main thread. The core left over
// is the main thread's, which parses every worker's mermaid diagrams in one mermaid thread
// (mermaid-relay.ts). Results come back in the order of the files given, however the work was
// interleaved, so the output is the same from run to run and machine to machine.
//
// Memory stays bounded: at most `size` files are read and checked at a time (one per worker; a file
// waiting its turn is only a path), each worker's heap is capped, and a file's result keeps its
// findings but not their fixes.
import { availableParallelism } from 'node:os';
import { realpathSync } from 'node:fs';
import { FILES_IN_FLIGHT, IsolatedLinter } from './isolated-linter';
import type { LintRequest, LintResponse } from './lint-file';

/**
 * The number of workers for `files` files: one per core but one (or `requested`), never more than
 * there are files, at least one. The core left over runs the mermaid thread that serves them all. On
 * two cores, one lint worker beside the mermaid thread checked a folder of 300 docs with a diagram
 * each in 4.3 s; two lint workers took 4.8 s: each fresh worker pays again for compiling the parser
 * and the rules (about 1.5 s of CPU), and the three threads shared two cores (docs/perf.md).
 */
export function poolSize(files: number, requested?: number, cores = availableParallelism()): number {
  const wanted = requested ?? cores - 1;
  return Math.max(1, Math.min(wanted, files));
}

/**
 * Groups the requests into jobs, each a list of request indices run one after the other on one
 * worker. With --fix, two names of one file (a symbolic link named next to its target) go in one
 * job, so one fix is written and re-read before the other is checked, as in a serial run, instead
 * of two workers racing to write the same file. Jobs are in the order of their first file.
 */
export function jobsFor(requests: readonly LintRequest[]): number[][] {
  const jobs: number[][] = [];
  const byRealPath = new Map<string, number[]>();
  requests.forEach((request, index) => {
    if (!request.fix) {
      jobs.push([index]);
      return;
    }
    let key: string;
    try {
      key = realpathSync(request.path);
    } catch {
      key = request.path;
    }
    const job = byRealPath.get(key);
    if (job) job.push(index);
    else {
      const fresh = [index];
      byRealPath.set(key, fresh);
      jobs.push(fresh);
    }
  });
  return jobs;
}

export interface PoolOptions {
  /** The bundled CLI, which runs the lint worker when loaded in a worker thread. */
  scriptPath: string;
  timeoutMs: number;
  /** Number of workers; default one per core but one (poolSize). */
  size?: number;
  /** Told when request `index` is handed to a worker (the mermaid prefetch reads the files after it). */
  onStart?: (index: number) => void;
}

/** Lints every request and returns the responses in the order of the requests. */
export async function lintOnPool(requests: readonly LintRequest[], options: PoolOptions): Promise<LintResponse[]> {
  const jobs = jobsFor(requests);
  const linters = Array.from({ length: poolSize(jobs.length, options.size) }, () => new IsolatedLinter(options.scriptPath, options.timeoutMs));
  // Every worker loads the checker at once, in parallel.
  for (const linter of linters) linter.start();
  const responses: LintResponse[] = new Array(requests.length);
  let next = 0;
  try {
    // FILES_IN_FLIGHT lanes per worker, each taking the next job when its last is done: a worker is
    // sent its next file while it checks the current one.
    await Promise.all(
      linters.flatMap((linter) =>
        Array.from({ length: FILES_IN_FLIGHT }, async () => {
          while (next < jobs.length) {
            const job = jobs[next++]!;
            for (const index of job) {
              const response = linter.lint(requests[index]!);
              options.onStart?.(index);
              responses[index] = await response;
            }
          }
        }),
      ),
    );
  } finally {
    await Promise.all(linters.map((linter) => linter.close()));
  }
  return responses;
}
