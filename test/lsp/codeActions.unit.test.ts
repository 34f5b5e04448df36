// Disable comments offered as code actions (server/src/lsp/codeActions.ts).
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEngine } from '../../server/src/engine';
import { disableFileEdit, disableNextLineEdit } from '../../server/src/lsp/codeActions';

describe('disable comments', () => {
  const parser = createEngine();
  /** A document and the control comments the engine reads in it. */
  const parsed = (text: string) => ({ document: TextDocument.create('u', 'markdown', 1, text), comments: parser.parse(text).controlComments });

  it('inserts a disable-next-line comment with the line indentation, or extends an existing one', () => {
    const plain = parsed('# T\n\n  - item\n');
    expect(disableNextLineEdit(plain.document, plain.comments, 2, 'thin-step')).toEqual({
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
      newText: '  <!-- mlsd-disable-next-line thin-step -->\n',
    });
    const withComment = parsed('# T\n<!-- mlsd-disable-next-line a -->\n## X\n');
    expect(disableNextLineEdit(withComment.document, withComment.comments, 2, 'b').newText).toBe('<!-- mlsd-disable-next-line a b -->');
  });
  it('extends the comment the engine applies to the line, blank lines between included, and only that comment', () => {
    const gap = parsed('# T\n\n<!-- mlsd-disable-next-line a, c -->\n\n## X\n');
    expect(disableNextLineEdit(gap.document, gap.comments, 4, 'b')).toEqual({
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 36 } },
      newText: '<!-- mlsd-disable-next-line a c b -->',
    });
    // A comment after other text on its line: the text stays.
    const inline = parsed('# T\n\nIntro <!-- mlsd-disable-next-line a -->\n## X\n');
    expect(disableNextLineEdit(inline.document, inline.comments, 3, 'b')).toEqual({
      range: { start: { line: 2, character: 6 }, end: { line: 2, character: 39 } },
      newText: '<!-- mlsd-disable-next-line a b -->',
    });
  });
  it('puts disable-file after the front matter', () => {
    const doc = parsed('---\ntitle: x\n---\n# T\n');
    expect(disableFileEdit(doc.document, doc.comments, 'metric-gap')).toEqual({
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      newText: '<!-- mlsd-disable-file metric-gap -->\n',
    });
    const existing = parsed('<!-- mlsd-disable-file a -->\n# T\n');
    expect(disableFileEdit(existing.document, existing.comments, 'b').newText).toBe('<!-- mlsd-disable-file a b -->');
  });
  it('extends the disable-file comment the engine reads, wherever it is, and not one shown in a code block', () => {
    const late = parsed(`# T\n\n${'Some prose.\n\n'.repeat(15)}<!-- mlsd-disable-file a -->\n`);
    expect(disableFileEdit(late.document, late.comments, 'b')).toEqual({ range: { start: { line: 32, character: 0 }, end: { line: 32, character: 28 } }, newText: '<!-- mlsd-disable-file a b -->' });
    // The engine ignores a comment inside fenced code: a new comment goes at the top instead.
    const quoted = parsed('```markdown\n<!-- mlsd-disable-file a -->\n```\n# T\n');
    expect(quoted.comments).toEqual([]);
    expect(disableFileEdit(quoted.document, quoted.comments, 'b')).toEqual({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '<!-- mlsd-disable-file b -->\n' });
  });
});
