// Include and exclude globs come from settings, which a repository can set: a glob that would take
// picomatch minutes to match (issue 11, item 10) is ignored, with a message naming it.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { globProblem, globProblems, selectDocument } from '../../server/src/lsp/documentSelection';

const settings = (include: string[], exclude: string[] = []) => ({ enable: true, include, exclude });

describe('glob complexity', () => {
  it('ignores **/*a*a*a*a*a*a*a*a*a*a*b.md (42 s in picomatch) and matches the rest at once', () => {
    const hostile = '**/*a*a*a*a*a*a*a*a*a*a*b.md';
    expect(globProblem(hostile)).toMatch(/ignored: .*wildcards.*can take minutes/);
    for (const name of ['a'.repeat(40) + '.md', 'a'.repeat(250) + '.md', 'x.design.md']) {
      const uri = `file:///ws/docs/${name}`;
      const started = performance.now();
      const selection = selectDocument({ uri, text: '# Doc\n', settings: settings([hostile, '**/*.design.md'], [hostile]), workspaceFolders: ['file:///ws'] });
      expect(performance.now() - started).toBeLessThan(500);
      expect(selection.isDesignDoc).toBe(name === 'x.design.md');
    }
  });

  it.each(['*a*/**/*a*', '**/*a*/**/*a*', '*a*/*a*/**/*b', '**/*a*a*b.md', '**/' + '{a,'.repeat(20) + 'b' + '}'.repeat(20), 'x'.repeat(300)])('rejects %s', (glob) => {
    expect(globProblem(glob)).toBeDefined();
  });

  it('keeps the default globs and ordinary ones', () => {
    expect(globProblems(DEFAULT_SETTINGS)).toEqual([]);
    for (const glob of ['docs/**/*.md', '**/rfcs/*-design.md', '**/{design,rfc}/**/*.md', '**/docs/**/design/**/*.md', '**/!(README).md']) expect(globProblem(glob), glob).toBeUndefined();
  });

  it('names the setting and the glob in the message', () => {
    expect(globProblems(settings(['**/*a*a*a*b.md', '**/*.design.md'], ['*a*/**/*a*']))).toEqual([
      expect.stringMatching(/^mlsd\.include: glob "\*\*\/\*a\*a\*a\*b\.md" ignored: 4 wildcards in "\*a\*a\*a\*b\.md"/),
      expect.stringMatching(/^mlsd\.exclude: glob "\*a\*\/\*\*\/\*a\*" ignored: 2 parts with several wildcards/),
    ]);
  });
});
