// A small sequential test runner for the extension host: `@vscode/test-electron` and code-server
// both just call the suite's `run()`, so no framework is needed. Prints one line per test and a
// closing "N passed, N failed"; `run()` rejects when anything failed, which is how both hosts
// learn the outcome.
export interface TestCase {
  name: string;
  body: () => Promise<void>;
  timeoutMs: number;
}

const cases: TestCase[] = [];
let currentLog: (line: string) => void = console.log;

/** A measurement or remark worth keeping in the run's output (and its results file). */
export function note(line: string): void {
  currentLog(`       ${line}`);
}

export function test(name: string, body: () => Promise<void>, timeoutMs = 30_000): void {
  cases.push({ name, body, timeoutMs });
}

function withTimeout(promise: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface RunSummary {
  passed: number;
  failed: number;
  failures: { name: string; error: string }[];
}

export async function runAll(log: (line: string) => void = console.log): Promise<RunSummary> {
  currentLog = log;
  const summary: RunSummary = { passed: 0, failed: 0, failures: [] };
  const filter = process.env.MLSD_E2E_GREP;
  for (const testCase of cases) {
    if (filter && !testCase.name.includes(filter)) continue;
    const started = Date.now();
    try {
      await withTimeout(testCase.body(), testCase.timeoutMs, testCase.name);
      summary.passed++;
      log(`  ok   ${testCase.name} (${Date.now() - started} ms)`);
    } catch (error) {
      summary.failed++;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      summary.failures.push({ name: testCase.name, error: message });
      log(`  FAIL ${testCase.name} (${Date.now() - started} ms)\n${message.replace(/^/gm, '       ')}`);
    }
  }
  log(`extension-host: ${summary.passed} passed, ${summary.failed} failed`);
  return summary;
}

/** Polls `probe` until it returns a value other than undefined/false, or fails with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
