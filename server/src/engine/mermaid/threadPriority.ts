// The mermaid worker's scheduling priority. Its parsing runs beside work that someone waits for: the
// CLI's lint worker, which decides how long a run takes, or the language server's main thread, which
// answers keystrokes. Lowered, it still has every core the others leave free, and it takes no core
// from them when they need it. In a 300-doc CLI run on two cores: median 2258 -> 2172 ms over 12
// runs each (docs/perf.md).
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/** The calling thread's id where the system gives threads a priority of their own (Linux); else undefined. */
export function currentThreadId(): number | undefined {
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>".
    const id = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Gives the calling thread the lowest priority, where threads have their own. Whether it did. */
export function lowerThreadPriority(): boolean {
  const id = currentThreadId();
  if (id === undefined) return false;
  try {
    setPriority(id, constants.priority.PRIORITY_LOW);
    return true;
  } catch {
    return false; // not allowed (a sandbox): the worker simply keeps its priority
  }
}
