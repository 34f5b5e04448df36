// Phrase lists with explicit semantics, the one way detection vocabulary is matched.
//
//   - Matching ignores case (Unicode-aware) and compares whole words: "auc" does not match "sauce".
//   - A `*` at the end of a word makes it a prefix: "retrain*" matches "retraining", "retrained";
//     "данн*" matches "данные", "данных"; "функци* потерь" matches "функция потерь".
//   - A space inside a phrase matches any run of spaces, hyphens, slashes or underscores, or none:
//     "two tower" matches "two-tower", "two tower" and "twotower"; "a b test" matches "A/B test".
//   - A phrase written in a script without spaces between words (Chinese, Japanese) matches anywhere
//     in the text ("召回" inside "多路召回策略"); Korean phrases match as word prefixes, since particles
//     attach to the word ("데이터" in "데이터를").
//   - Nothing else: no hidden length rule, no stemming. Case tables beside each detector show what a
//     phrase does and does not match.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface PhraseParts {
  /** Needs a word boundary before it (everything but Chinese and Japanese). */
  bounded: boolean;
  /** The phrase's body, as regular-expression source. */
  body: string;
  /** Needs a word boundary after it (WORD_END). */
  ended: boolean;
}

/** No letter or digit follows. */
const WORD_END = String.raw`(?![\p{L}\p{N}])`;

/** One phrase as regular-expression source: its body and its end condition. */
function partSource(part: PhraseParts): string {
  return part.ended ? part.body + WORD_END : part.body;
}

/**
 * The phrases as one alternation, in their order. Each run of neighbours that needs a word boundary
 * after it shares one WORD_END: `(?:a|b)(?!…)` matches what `a(?!…)|b(?!…)` does, since a failed
 * boundary after `a` backtracks into the group and tries `b`. V8 builds the letter and digit classes
 * anew for every occurrence, which made building and compiling the vocabulary's lists twice as slow
 * (docs/perf.md).
 */
function alternation(parts: readonly PhraseParts[]): string {
  const out: string[] = [];
  let run: string[] = [];
  let ended = false;
  const flush = () => {
    if (run.length) out.push(ended ? `(?:${run.join('|')})${WORD_END}` : run.join('|'));
    run = [];
  };
  for (const part of parts) {
    if (part.ended !== ended) {
      flush();
      ended = part.ended;
    }
    run.push(part.body);
  }
  flush();
  return out.join('|');
}

function phraseParts(phrase: string): PhraseParts {
  let p = phrase.trim().toLowerCase();
  const prefix = p.endsWith('*');
  if (prefix) p = p.slice(0, -1);
  // A `*` ending an inner word makes that word a prefix too ("функци* потерь", "trigger* retrain*").
  const body = p
    .split(/[\s\-_/]+/)
    .filter(Boolean)
    .map((word) => (word.endsWith('*') ? `${escape(word.slice(0, -1))}[\\p{L}\\p{N}]*` : escape(word)))
    .join(String.raw`[\s\-_/]*`);
  if (CJK.test(p)) return { bounded: false, body, ended: false };
  if (prefix || HANGUL.test(p)) return { bounded: true, body, ended: false };
  // Phrases that end in punctuation ("input:") need no word boundary after them.
  return { bounded: true, body, ended: /[\p{L}\p{N}]$/u.test(p) };
}

const START = String.raw`(?<![\p{L}\p{N}])`;

export interface PhraseHit {
  phrase: string;
  index: number;
  length: number;
}

export interface PhraseList {
  readonly phrases: readonly string[];
  /** Whether any phrase occurs in the text. */
  test(text: string): boolean;
  /** The first occurrence of any phrase. */
  first(text: string): PhraseHit | undefined;
  /** Every occurrence, in text order. */
  all(text: string): PhraseHit[];
  /** Whether the text opens with one of the phrases (checked at the start only: cheap on long texts). */
  opens(text: string): boolean;
}

/** Texts remembered per list: passages repeat across the edits of a doc, so most lints only look them up. */
const MEMO_SIZE = 4000;
/** Every list's memo, so that a benchmark can time a lint of text never seen before. */
const memos: Map<string, PhraseHit[]>[] = [];

/** Forgets every text every phrase list has matched (for benchmarks and tests). */
export function clearPhraseMemos(): void {
  for (const memo of memos) memo.clear();
  lastText = '';
  lastLower = '';
}

/** A letter or digit ends the text: a bounded phrase cannot start after it. */
const WORD_BEFORE = /[\p{L}\p{N}]$/u;

/**
 * The lower case of the last text asked about, which every list scans in turn; null when lower-casing
 * changes its length (a dotted capital I), so positions would not line up: those texts take the
 * case-insensitive expression.
 */
let lastText = '';
let lastLower: string | null = '';
function lowerCased(text: string): string | null {
  if (text !== lastText) {
    const lower = text.toLowerCase();
    lastText = text;
    lastLower = lower.length === text.length ? lower : null;
  }
  return lastLower;
}

/**
 * A phrase list, compiled on first use and then matched as often as needed. Compiling every list of
 * the vocabulary takes ~30 ms, which a thread that never matches (the CLI's main thread loads the same
 * bundle as its lint workers) should not pay, and a language server pays only for what a doc needs.
 */
export function compilePhrases(phrases: readonly string[]): PhraseList {
  const list = phrases.map((p) => p.trim()).filter((p) => p && p !== '*');
  if (!list.length) return { phrases: list, test: () => false, first: () => undefined, all: () => [], opens: () => false };
  let state: Pick<PhraseList, 'all' | 'opens'> | undefined;
  const compiled = () => (state ??= compileList(list));
  const all = (text: string): PhraseHit[] => compiled().all(text);
  return {
    phrases: list,
    test: (text) => all(text).length > 0,
    first: (text) => all(text)[0],
    all,
    opens: (text) => compiled().opens(text),
  };
}

function compileList(list: readonly string[]): Pick<PhraseList, 'all' | 'opens'> {
  // Longest first, so "log loss" wins over "loss" at the same position.
  const ordered = [...list].sort((a, b) => b.length - a.length);
  const parts = ordered.map(phraseParts);
  // One alternation and no capture groups; which phrase matched is found afterwards, on the hit alone.
  // It is matched against the lower-cased text, without the case-insensitive flag, and the word
  // boundary in front of the bounded phrases is checked on each hit rather than in the expression:
  // both make V8 compile it faster (with thousands of phrases that was a few hundred ms per thread
  // at start) and scan with it faster (~40 % less, docs/perf.md). Bounded phrases come first, so at
  // one place a bounded phrase wins over a free one, as before.
  const boundedParts = parts.filter((x) => x.bounded);
  const freeParts = parts.filter((x) => !x.bounded);
  const bounded = boundedParts.length ? alternation(boundedParts) : '';
  const free = freeParts.length ? alternation(freeParts) : '';
  const either = [bounded, free].filter(Boolean).join('|');
  const scan = new RegExp(`(?:${either})`, 'gu');
  const freeAt = free ? new RegExp(`(?:${free})`, 'uy') : undefined;
  // The case-insensitive form, for the rare text whose lower case is longer than itself.
  const source = [bounded ? `${START}(?:${bounded})` : '', free ? `(?:${free})` : ''].filter(Boolean).join('|');
  let caseless: RegExp | undefined;
  // Compiled on first use: building a RegExp parses its source, and across every list that is
  // thousands of patterns, most of which a doc never needs (a cold start paid it in full).
  let opening: RegExp | undefined;
  let caselessOpening: RegExp | undefined;
  const sticky: (RegExp | undefined)[] = new Array(parts.length);
  const stickyAt = (i: number): RegExp => (sticky[i] ??= new RegExp(parts[i]!.bounded ? START + partSource(parts[i]!) : partSource(parts[i]!), 'iuy'));
  const memo = new Map<string, PhraseHit[]>();
  memos.push(memo);
  // Most hits are the phrase itself: look it up before trying each phrase at the hit.
  const exact = new Map<string, string>();
  for (const p of [...ordered].reverse()) if (/^[\p{L}\p{N} ]+$/u.test(p) && !p.includes(' ')) exact.set(p.toLowerCase(), p);
  // Then only the phrases that start with the hit's first character.
  const byFirst = new Map<string, number[]>();
  ordered.forEach((p, i) => {
    const first = p.toLowerCase()[0] ?? '';
    const same = byFirst.get(first);
    if (same) same.push(i);
    else byFirst.set(first, [i]);
  });
  const phraseAt = (text: string, index: number, length: number): string => {
    const found = exact.get(text.slice(index, index + length).toLowerCase());
    if (found !== undefined) return found;
    for (const i of byFirst.get(text[index]?.toLowerCase() ?? '') ?? ordered.keys()) {
      const re = stickyAt(i);
      re.lastIndex = index;
      const m = re.exec(text);
      if (m && m[0].length === length) return ordered[i]!;
    }
    return ordered[0]!;
  };
  /** Every hit in a text whose lower case has its length: one scan of the lower-cased text. */
  const scanLower = (text: string, lower: string, hits: PhraseHit[]): void => {
    scan.lastIndex = 0;
    for (let m = scan.exec(lower); m; m = scan.exec(lower)) {
      const index = m.index;
      let length = m[0].length;
      if (index > 0 && WORD_BEFORE.test(lower.slice(Math.max(0, index - 2), index))) {
        // Inside a word no bounded phrase starts; a free one (Chinese, Japanese) may.
        length = 0;
        if (freeAt) {
          freeAt.lastIndex = index;
          length = freeAt.exec(lower)?.[0].length ?? 0;
        }
      }
      if (length === 0) {
        scan.lastIndex = index + 1;
        continue;
      }
      hits.push({ phrase: phraseAt(text, index, length), index, length });
      scan.lastIndex = index + length;
    }
  };
  const scanCaseless = (text: string, hits: PhraseHit[]): void => {
    const re = (caseless ??= new RegExp(source, 'giu'));
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      else hits.push({ phrase: phraseAt(text, m.index, m[0].length), index: m.index, length: m[0].length });
    }
  };
  const all = (text: string): PhraseHit[] => {
    let hits = memo.get(text);
    if (hits) return hits;
    hits = [];
    const lower = lowerCased(text);
    if (lower !== null) scanLower(text, lower, hits);
    else scanCaseless(text, hits);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(text, hits);
    return hits;
  };
  const opens = (text: string): boolean => {
    const lower = lowerCased(text);
    if (lower === null) return (caselessOpening ??= new RegExp(`^(?:${source})`, 'iu')).test(text);
    // At the start a bounded phrase needs no check before it.
    return (opening ??= new RegExp(`^(?:${either})`, 'u')).test(lower);
  };
  return { all, opens };
}
