// Runs the case table of classifyText (prompts.cases.ts): one named test per case.
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../../server/src/engine/judgment/prompts';
import { duplicateTexts, rows } from './caseTable';
import { CASES, KNOWN_GAPS } from './prompts.cases';

describe('classifyText: prompts are not answers', () => {
  it('the table has no text twice', () => expect(duplicateTexts(CASES, KNOWN_GAPS)).toEqual([]));
  it.each(rows(CASES))('%s', (_, c) => expect(classifyText(c.text)).toBe(c.expected));
});

describe('classifyText: known gaps (fail today)', () => {
  it.fails.each(rows(KNOWN_GAPS))('%s', (_, c) => expect(classifyText(c.text)).toBe(c.expected));
});
