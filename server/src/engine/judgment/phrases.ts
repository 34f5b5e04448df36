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

/** The regular-expression source of one phrase, following the rules above. */
export function phraseSource(phrase: string): string {
  let p = phrase.trim().toLowerCase();
  const prefix = p.endsWith('*');
  if (prefix) p = p.slice(0, -1);
  // A `*` ending an inner word makes that word a prefix too ("функци* потерь", "trigger* retrain*").
  const body = p
    .split(/[\s\-_/]+/)
    .filter(Boolean)
    .map((word) => (word.endsWith('*') ? `${escape(word.slice(0, -1))}[\\p{L}\\p{N}]*` : escape(word)))
    .join(String.raw`[\s\-_/]*`);
  if (CJK.test(p)) return body;
  const start = String.raw`(?<![\p{L}\p{N}])`;
  if (prefix || HANGUL.test(p)) return start + body;
  // Phrases that end in punctuation ("input:") need no word boundary after them.
  const end = /[\p{L}\p{N}]$/u.test(p) ? String.raw`(?![\p{L}\p{N}])` : '';
  return start + body + end;
}

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
}

/** Compiles a phrase list once; match it as often as needed. */
export function compilePhrases(phrases: readonly string[]): PhraseList {
  const list = phrases.map((p) => p.trim()).filter((p) => p && p !== '*');
  if (!list.length) return { phrases: list, test: () => false, first: () => undefined, all: () => [] };
  // Longest first, so "log loss" wins over "loss" at the same position.
  const ordered = [...list].sort((a, b) => b.length - a.length);
  const source = ordered.map((p) => `(${phraseSource(p)})`).join('|');
  const tester = new RegExp(source, 'iu');
  const global = new RegExp(source, 'giu');
  const hitOf = (m: RegExpExecArray): PhraseHit => {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    return { phrase: ordered[g - 1] ?? '', index: m.index, length: m[0].length };
  };
  return {
    phrases: list,
    test: (text) => tester.test(text),
    first(text) {
      const m = tester.exec(text);
      return m ? hitOf(m) : undefined;
    },
    all(text) {
      const hits: PhraseHit[] = [];
      global.lastIndex = 0;
      for (let m = global.exec(text); m; m = global.exec(text)) {
        if (m[0].length === 0) global.lastIndex++;
        else hits.push(hitOf(m));
      }
      return hits;
    },
  };
}
