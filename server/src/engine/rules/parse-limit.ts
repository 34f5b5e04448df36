// parse-limit: where the Markdown is so deeply nested or so dense that parsing it in full would
// freeze the editor for seconds or minutes, parse.ts reads that part with the costly constructs
// switched off. The writer is told, since findings about that part may be off.
import type { Rule } from '../types';
import { MAX_CONTAINER_DEPTH, MAX_CONTAINER_INDENT, MAX_DELIMITERS_PER_BLOCK, MAX_INLINE_MARKS_PER_BLOCK, MAX_OPEN_BRACKETS, MAX_QUOTE_DEPTH, MAX_SETEXT_UNDERLINES, MAX_TABLE_PIPES } from '../parse';
import { lineRange } from './util';

export const parseLimitRule: Rule = {
  id: 'parse-limit',
  description: 'Part of the document is too deeply nested or too dense to parse in full.',
  tags: ['markdown', 'robustness'],
  defaultSeverity: 'warning',
  fixable: false,
  docs:
    'Some Markdown makes any CommonMark parser slow: a list nested hundreds of levels deep (on many lines or on one, as in `- - - - x`), tens of thousands of emphasis markers or unclosed links in one paragraph, ' +
    `a table of a hundred thousand cells, thousands of setext headings inside one block quote. Past ${MAX_CONTAINER_INDENT} columns of indentation, ${MAX_QUOTE_DEPTH} quote levels, ` +
    `${MAX_CONTAINER_DEPTH} list and quote markers on one line, ${MAX_DELIMITERS_PER_BLOCK.toLocaleString('en-US')} ` +
    `\`*\`, \`_\`, \`~\` or \`[\` in one paragraph (or ${MAX_OPEN_BRACKETS} \`[\` open at once), ${MAX_INLINE_MARKS_PER_BLOCK.toLocaleString('en-US')} characters that may open inline Markdown in one paragraph (then none is parsed), ${MAX_TABLE_PIPES.toLocaleString('en-US')} table pipes in a section, or ${MAX_SETEXT_UNDERLINES} lines of only \`=\` or \`-\` that the section could not be cut at, ` +
    'that construct is switched off for the section, ' +
    'which is then read as plain paragraphs so the editor stays responsive. This rule says where that happened, because findings about that section may be off. ' +
    'Real design docs never come near these limits; generated or pasted data usually does.',
  check(ctx) {
    for (const { line, reason } of ctx.doc.parseLimits) {
      ctx.report({
        message: 'This section was not parsed in full, so findings about it may be off.',
        detail: `${reason[0]!.toUpperCase()}${reason.slice(1)}.`,
        range: lineRange(ctx.doc, line),
        stepId: undefined,
      });
    }
  },
};

export default parseLimitRule;
