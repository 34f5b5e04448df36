import { describe, expect, it } from 'vitest';
import { shiftHeadings } from '../../server/src/engine/fixes';

describe('shiftHeadings', () => {
  it('shifts headings outside fences and clamps to levels 1-6', () => {
    expect(shiftHeadings('## A\n\n### B\n\n###### C', 2, 3)).toBe('### A\n\n#### B\n\n###### C');
    expect(shiftHeadings('## A\n### B', 2, 1)).toBe('# A\n## B');
    expect(shiftHeadings('## A', 2, 2)).toBe('## A');
  });

  it('leaves fenced code alone, closing a fence only with the same character at least as long', () => {
    const block = [
      '## Serving',
      '~~~markdown',
      '```', // a backtick line inside a tilde fence is code, not a closing or opening fence
      '# a comment, not a heading',
      '~~~',
      '### Latency',
      '````',
      '```', // shorter than the opening fence: still code
      '## not a heading either',
      '````',
      '## Rollout',
    ].join('\n');
    expect(shiftHeadings(block, 2, 3).split('\n')).toEqual([
      '### Serving',
      '~~~markdown',
      '```',
      '# a comment, not a heading',
      '~~~',
      '#### Latency',
      '````',
      '```',
      '## not a heading either',
      '````',
      '### Rollout',
    ]);
  });
});
