// Maps a heading's text onto the rubric's steps by whole-word phrase matching (a trailing `*` makes a
// prefix; Chinese and Japanese phrases match inside a word, Korean ones as a prefix), longest phrase first, so "Model Development and Offline Evaluation" yields model + evaluation
// and "Training data" yields data (not model via "training").
import type { Rubric } from './types';
import { WEAK_HEADINGS } from './vocabulary';

/** Lower-case words of a heading without numbering ("1.", "ii.i", "Step 3:"), emoji or punctuation. */
export function headingWords(title: string): string[] {
  let text = title.normalize('NFKC').toLowerCase().replace(/&/g, ' and ').replace(/\+/g, ' and ');
  // Leading enumerations: 1. / 1.2.3 / I. / ii.iv. / a) / Step 3: / Phase 1: / Part II -
  text = text.replace(/^[^\p{L}\p{N}]+/u, '');
  for (;;) {
    const stripped = text
      .replace(/^(?:step|part|phase|section|stage)\s+[\divx]+\s*[:.)\-–—]?\s*/u, '')
      .replace(/^(?:\d+|[ivx]+)(?:\.(?:\d+|[ivx]+))*[.)]?(?=\s|$)\s*/u, '')
      .replace(/^[a-h][.)]\s+/u, '')
      .replace(/^[^\p{L}\p{N}]+/u, '');
    if (stripped === text) break;
    text = stripped;
  }
  return (
    text
      // Who fills a section ("2. Methodology `Data Scientist`") is not what it is about.
      .replace(/\b(?:data scientists?|product owners?|ml engineers?|product managers?)\b/gu, ' ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ')
      .filter(Boolean)
  );
}

interface CompiledPhrase {
  stepId: string;
  words: string[];
  weak: boolean;
}

/**
 * A phrase's word, with how it compares to a heading's word decided once: `prefix` for a trailing
 * `*`; Chinese and Japanese words match `inside` a heading word (no spaces there); Korean ones at
 * its `start` (particles attach to the word); the rest `exact`, plural-tolerant.
 */
interface VocabWord {
  kind: 'exact' | 'prefix' | 'inside' | 'start';
  text: string;
  /** Chinese or Japanese: the heading word it matches may hold other phrases too, so it stays free. */
  free: boolean;
}

function vocabWord(word: string): VocabWord {
  const free = CJK.test(word);
  if (word.endsWith('*')) return { kind: 'prefix', text: word.slice(0, -1), free };
  if (free) return { kind: 'inside', text: word, free };
  if (HANGUL.test(word)) return { kind: 'start', text: word, free };
  return { kind: 'exact', text: word, free };
}

export interface HeadingMatcher {
  /** Steps the heading maps to, in rubric order, and whether every match was a weak one. */
  match(title: string): { steps: string[]; weakOnly: Map<string, boolean> };
}

/** A phrase's words; a trailing `*` is kept (prefix match), as in judgment/phrases.ts. */
function phraseWords(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}*]+/gu, ' ')
    .replace(/\*(?=\S)/g, '* ')
    .trim()
    .split(' ')
    .filter((w) => w && w !== '*');
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;

export function createHeadingMatcher(rubric: Rubric): HeadingMatcher {
  const phrases: CompiledPhrase[] = [];
  for (const step of rubric.steps) {
    const weakSet = new Set((WEAK_HEADINGS[step.id] ?? []).map((w) => phraseWords(w).join(' ')));
    for (const heading of step.headings) {
      const words = phraseWords(heading);
      if (words.length) phrases.push({ stepId: step.id, words, weak: weakSet.has(words.join(' ')) });
    }
  }
  // Longest first so a long phrase claims its words before a shorter one can.
  phrases.sort((a, b) => b.words.length - a.words.length);
  const order = new Map(rubric.steps.map((s, i) => [s.id, i]));
  const byWords = new Map<string, { words: string[]; members: CompiledPhrase[] }>();
  for (const phrase of phrases) {
    const key = phrase.words.join(' ');
    const group = byWords.get(key) ?? { words: phrase.words, members: [] };
    group.members.push(phrase);
    byWords.set(key, group);
  }
  const groups = [...byWords.values()].map(({ words, members }) => ({ words: words.map(vocabWord), members }));
  // Most phrases start with a plain word: index them by it, so a heading is tried only against the
  // phrases whose first word it has (or its plural or singular), and against the others.
  const byFirstWord = new Map<string, number[]>();
  const notIndexed: number[] = [];
  groups.forEach((group, index) => {
    const first = group.words[0]!;
    if (first.kind !== 'exact') notIndexed.push(index);
    else if (byFirstWord.has(first.text)) byFirstWord.get(first.text)!.push(index);
    else byFirstWord.set(first.text, [index]);
  });
  /** The groups a heading with these words may hold, in the order of `groups` (longest first). */
  const candidates = (words: readonly string[]): number[] => {
    const found = new Set(notIndexed);
    for (const word of words) {
      for (const key of [word, word + 's', word.endsWith('s') ? word.slice(0, -1) : undefined]) {
        if (key !== undefined) for (const index of byFirstWord.get(key) ?? []) found.add(index);
      }
    }
    return [...found].sort((a, b) => a - b);
  };

  // Headings repeat across edits of the same doc: remember each title's answer (bounded).
  const memo = new Map<string, { steps: string[]; weakOnly: Map<string, boolean> }>();
  const matchUncached = (title: string): { steps: string[]; weakOnly: Map<string, boolean> } => {
    const words = headingWords(title);
    // "ML System Design Doc template", "Дизайн-док": the heading names the document, not a step.
    if (/\bdesign (?:doc|docs|document)\b|дизайн ?док/u.test(words.join(' '))) return { steps: [], weakOnly: new Map() };
    const used = new Array<boolean>(words.length).fill(false);
    const weakOnly = new Map<string, boolean>();
    for (const index of candidates(words)) {
      const group = groups[index]!;
      const n = group.words.length;
      for (let i = 0; i + n <= words.length; i++) {
        let ok = true;
        for (let k = 0; k < n; k++) {
          if (used[i + k] || !sameWord(words[i + k], group.words[k])) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        // A word in a script without spaces ("召回策略与排序") may hold several phrases: it stays free.
        for (let k = 0; k < n; k++) if (!group.words[k]!.free) used[i + k] = true;
        // The same phrase may belong to several steps ("problem formulation": clarify and framing).
        for (const member of group.members) weakOnly.set(member.stepId, (weakOnly.get(member.stepId) ?? true) && member.weak);
      }
    }
    const steps = [...weakOnly.keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return { steps, weakOnly };
  };

  return {
    match(title) {
      let result = memo.get(title);
      if (!result) {
        if (memo.size > 5000) memo.clear();
        result = matchUncached(title);
        memo.set(title, result);
      }
      return result;
    },
  };
}

/** Plural-tolerant word comparison ("metric" ~ "metrics", "alarm" ~ "alarms"). */
function sameWord(word: string, vocab: VocabWord): boolean {
  switch (vocab.kind) {
    case 'prefix':
    case 'start':
      return word.startsWith(vocab.text);
    case 'inside':
      return word.includes(vocab.text);
    case 'exact':
      return word === vocab.text || (word.length > 3 && (word === vocab.text + 's' || vocab.text === word + 's'));
  }
}
