// Lone-CR and mixed line endings (issue 11, item 5): remark and LSP end a line at \r\n, \n and a
// lone \r, so the engine's line numbers must too, or every position lands on line 0 and fixes are
// inserted in the wrong place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, collectAutoFixes, createEngine } from '../../server/src/engine';
import { computeLineStarts, lineText } from '../../server/src/engine/model';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/rules', name), 'utf8');

/** The same lines with a mix of endings: \r\n, \n and \r in turn (never a \r before a \n, which would join two line ends). */
function mixed(text: string): string {
  let n = 0;
  return text.replace(/\n/g, () => ['\r\n', '\n', '\r'][n++ % 3]!);
}

describe('line starts', () => {
  it('end a line at \\r\\n, \\n and a lone \\r', () => {
    const text = 'a\r\nb\rc\nd\r\re';
    const starts = computeLineStarts(text);
    expect(starts).toEqual([0, 3, 5, 7, 9, 10]);
    expect(starts.map((_, line) => lineText(text, starts, line))).toEqual(['a', 'b', 'c', 'd', '', 'e']);
  });
});

describe.each([
  ['lone CR', (text: string) => text.replace(/\n/g, '\r')],
  ['CRLF', (text: string) => text.replace(/\n/g, '\r\n')],
  ['mixed', mixed],
])('a document with %s line endings', (_name, convert) => {
  const lf = fixture('missing-steps.md');
  const other = convert(lf);

  it('gets the findings, at the lines, of the same document with LF', async () => {
    const expected = (await createEngine().lint(lf)).findings.map((f) => [f.ruleId, f.range.start.line, f.range.end.line, f.message]);
    const actual = (await createEngine().lint(other)).findings.map((f) => [f.ruleId, f.range.start.line, f.range.end.line, f.message]);
    expect(expected.some(([, line]) => (line as number) > 0)).toBe(true);
    expect(actual).toEqual(expected);
  });

  it('is fixed at the places the LF document is, with its own line ending in the inserted text', async () => {
    const engine = createEngine();
    const fixedLf = applyEdits(lf, collectAutoFixes((await engine.lint(lf)).findings));
    const fixedOther = applyEdits(other, collectAutoFixes((await engine.lint(other)).findings));
    expect(fixedOther.replace(/\r\n?/g, '\n')).toBe(fixedLf);
    if (!other.includes('\n')) expect(fixedOther).not.toContain('\n');
    if (!other.replace(/\r\n/g, '').match(/[\r\n]/)) expect(fixedOther.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
