// The practice clock's time source. Production reads the system clock; extension tests (and the
// e2e run, through MLSD_PRACTICE_TEST_CLOCK=1) get a clock they can advance without sleeping, whose
// offset is kept in the workspace storage so it survives a window reload as the session does.
import * as vscode from 'vscode';

export interface TimeSource {
  now(): number;
}

export const ADVANCE_CLOCK_COMMAND = 'mlsd.practice.test.advanceClock';
const OFFSET_KEY = 'mlsd.practice.testClockOffsetMs';

export function testClockEnabled(context: vscode.ExtensionContext): boolean {
  return context.extensionMode === vscode.ExtensionMode.Test || process.env.MLSD_PRACTICE_TEST_CLOCK === '1';
}

export class AdjustableClock implements TimeSource {
  constructor(private readonly state: vscode.Memento) {}

  now(): number {
    return Date.now() + this.state.get<number>(OFFSET_KEY, 0);
  }

  async advance(ms: number): Promise<void> {
    await this.state.update(OFFSET_KEY, this.state.get<number>(OFFSET_KEY, 0) + ms);
  }
}

export const systemClock: TimeSource = { now: () => Date.now() };
