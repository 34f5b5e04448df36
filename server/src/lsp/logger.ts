// The server's logger: the connection's console in production, an array in tests.
export interface ServerLogger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Collects log lines in memory, for tests. */
export class MemoryLogger implements ServerLogger {
  readonly lines: { level: 'error' | 'warn' | 'info' | 'debug'; message: string }[] = [];
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
}
