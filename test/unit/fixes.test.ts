import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  collectAutoFixes,
  configSkeletonAsSection,
  configTextAsInlineMarkdown,
  configTextAsLine,
  dominantLineEnding,
  openConstructAtEnd,
  shiftHeadings,
} from '../../server/src/engine/fixes';
import { computeLineStarts } from '../../server/src/engine/model';
import { createEngine } from '../../server/src/engine/engine';
import { resolveConfig } from '../../server/src/engine/config';

describe('shiftHeadings', () => {
  it('shifts headings outside fences and clamps to levels 1-6', () => {
    expect(shiftHeadings('## A\n\n### B\n\n###### C', 2, 3)).toBe('### A\n\n#### B\n\n###### C');
    expect(shiftHeadings('## A\n### B', 2, 1)).toBe('# A\n## B');
    expect(shiftHeadings('## A', 2, 2)).toBe('## A');
  });

  it('leaves fenced code alone, closing a fence only with the same character at least as long', () => {
    const markdown = [
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
    expect(shiftHeadings(markdown, 2, 3).split('\n')).toEqual([
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

describe('config text in fixes (issue 11)', () => {
  it('makes a title or summary one line of text that renders as itself', () => {
    expect(configTextAsLine('Rollout plan_\ntouch /tmp/x\r\n: _\u001b[2J')).toBe('Rollout plan_ touch /tmp/x : _ [2J');
    expect(configTextAsInlineMarkdown('Rollout plan_\ntouch /tmp/x\n: _')).toBe('Rollout plan\\_ touch /tmp/x : \\_');
    expect(configTextAsInlineMarkdown('<!-- mlsd-disable-file --> [x](y) `z` *w* # | ~ &amp; Q&A')).toBe('\\<!-- mlsd-disable-file --\\> \\[x\\](y) \\`z\\` \\*w\\* \\# \\| \\~ \\&amp; Q&A');
  });

  it('keeps a skeleton inside its section', () => {
    const skeleton = [
      '# Top level',
      '## Same level as the step',
      '### Below',
      'Text',
      '===',
      'More text',
      '---',
      '[ref]: https://example.com',
      '<!-- mlsd-disable-file -->',
      '<script>',
      'alert(1)',
    ].join('\r\n');
    expect(configSkeletonAsSection(skeleton, 2).split('\n')).toEqual([
      '### Top level',
      '### Same level as the step',
      '### Below',
      'Text',
      '\\===',
      'More text',
      '',
      '---',
      '\\[ref]: https://example.com',
      '&lt;!-- mlsd-disable-file -->',
      '<script>',
      'alert(1)',
      '</script>',
    ]);
    expect(configSkeletonAsSection('Intro\n\n````sh\ncode\n```\n# not a heading', 2)).toBe('Intro\n\n````sh\ncode\n```\n# not a heading\n````');
    expect(configSkeletonAsSection('<!-- open\n\n# inside', 2)).toBe('<!-- open\n\n# inside\n-->');
  });
});

describe('inserting at the end of a document that ends inside a fence or comment', () => {
  const doc = (text: string) => {
    const lineStarts = computeLineStarts(text);
    return { text, lineStarts, lineCount: lineStarts.length };
  };

  it('finds the unclosed construct the document ends in', () => {
    expect(openConstructAtEnd(doc('# T\n\n```py\ncode\n'))).toBe(2);
    expect(openConstructAtEnd(doc('# T\n\n```py\ncode\n```\n'))).toBeUndefined();
    expect(openConstructAtEnd(doc('# T\r\n\r\n<!-- open\r\n\r\ntext\r\n'))).toBe(2);
    expect(openConstructAtEnd(doc('# T\n\n<!-- closed -->\n'))).toBeUndefined();
    expect(openConstructAtEnd(doc('# T\n\n<script>\nlet x = 1;\n'))).toBe(2);
    expect(openConstructAtEnd(doc('# T\n\n<pre>code</pre>\n'))).toBeUndefined();
    expect(openConstructAtEnd(doc('# T\n\n<?php echo 1;\n'))).toBe(2);
    expect(openConstructAtEnd(doc('# T\n\n<div>\nnot a type 1-5 block\n'))).toBeUndefined();
    expect(openConstructAtEnd(doc('~~~\n<!-- in code\n~~~\n'))).toBeUndefined();
  });

  it('inserts a missing step before it, once', async () => {
    const engine = createEngine();
    // No diagram: parsing one would load mermaid in this process.
    const { config } = resolveConfig({ rules: { 'architecture-diagram': 'off' } }, 't.json');
    const text = '# Design\n\nIntro.\n\n```python\nprint("open")\n';
    const first = await engine.lint(text, { config });
    const fixed = applyEdits(text, collectAutoFixes(first.findings));
    expect(fixed.endsWith('```python\nprint("open")\n')).toBe(true);
    const second = await engine.lint(fixed, { config });
    expect(second.findings.filter((finding) => finding.ruleId === 'missing-step')).toEqual([]);
  });
});

describe('missing-step fix with a custom template (issue 11 item 14)', () => {
  it("inserts the section's skeleton under its title, kept inside the section", async () => {
    const engine = createEngine();
    const { config } = resolveConfig(
      {
        template: {
          sections: [
            { id: 'context', title: 'Context', headings: ['context'], skeleton: '# Background\n\nWhy we are doing this.\n\n```sh\nunclosed' },
            { id: 'data', title: 'Data sources', headings: ['data sources'], summary: 'Where the data comes from\n# not a heading' },
          ],
        },
      },
      't.json',
    );
    const text = '# RFC\n\nIntro.\n';
    const result = await engine.lint(text, { config });
    const fixed = applyEdits(text, collectAutoFixes(result.findings));
    expect(fixed).toContain('## Context\n\n### Background\n\nWhy we are doing this.\n\n```sh\nunclosed\n```\n');
    // Not the bundled "Data preparation" skeleton: the custom section's own title and summary.
    expect(fixed).toContain('## Data sources\n\n_Where the data comes from \\# not a heading_');
    expect(fixed).not.toMatch(/^# not a heading/m);
    const again = await engine.lint(fixed, { config });
    expect(again.findings.filter((finding) => finding.ruleId === 'missing-step')).toEqual([]);
  });
});

describe('applyEdits line endings', () => {
  it('inserts with the line ending the document uses', () => {
    const edit = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '## A\n\nText\n' };
    expect(applyEdits('# T\r\nBody\r\n', [edit])).toBe('# T\r\n## A\r\n\r\nText\r\nBody\r\n');
    expect(applyEdits('# T\nBody\n', [edit])).toBe('# T\n## A\n\nText\nBody\n');
    expect(dominantLineEnding('a\r\nb\r\nc\nd')).toBe('\r\n');
    expect(dominantLineEnding('a\nb\nc\r\nd')).toBe('\n');
    expect(dominantLineEnding('a\rb\rc\nd')).toBe('\r');
    expect(dominantLineEnding('no break')).toBe('\n');
  });
});
