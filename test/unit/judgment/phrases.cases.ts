// Case table for compilePhrases (server/src/engine/judgment/phrases.ts): the one way detection
// vocabulary is matched. `expected` lists the substrings of `text` that the phrase list matches, in text
// order (empty: no match). Run by phrases.test.ts; see caseTable.ts.
import type { Case } from './caseTable';

export interface PhraseCase extends Case<string[]> {
  phrases: string[];
}

export const CASES: PhraseCase[] = [
  // Whole words
  { phrases: ['auc'], text: 'a secret sauce', expected: [], why: 'whole words: "auc" does not match inside "sauce"' },
  { phrases: ['auc'], text: 'AUC of 0.91 on the holdout', expected: ['AUC'], why: 'case is ignored' },
  { phrases: ['ml'], text: 'rendered as HTML', expected: [], why: 'whole words: "ml" not inside "HTML"' },
  { phrases: ['ml'], text: 'an ML-based scorer', expected: ['ML'], why: 'a hyphen ends a word' },
  { phrases: ['map'], text: 'the product roadmap', expected: [], why: 'whole words: "map" not inside "roadmap"' },
  { phrases: ['map'], text: 'mAP@10 on the test queries', expected: ['mAP'], why: '"@" ends a word' },
  { phrases: ['ctr'], text: 'Online: CTR.', expected: ['CTR'], why: 'punctuation ends a word' },
  { phrases: ['input:'], text: 'Input: the user id and the last 50 clicks', expected: ['Input:'], why: 'a phrase ending in punctuation needs no boundary after it' },
  { phrases: ['input:'], text: 'inputs: a query string', expected: [], why: 'no stemming: "input:" does not match "inputs:"' },
  { phrases: ['metric'], text: 'offline metrics', expected: [], why: 'no stemming: plural needs a "*" or its own phrase' },
  { phrases: ['p99'], text: 'p99<100 ms', expected: ['p99'], why: '"<" ends a word' },
  // Phrases that need a word end share one end check in the compiled alternation (phrases.ts, alternation()):
  // a failed end check after the longer phrase must still let a shorter one, or a prefix, match at that place.
  { phrases: ['foobar', 'foo'], text: 'foobarx foo', expected: ['foo'], why: 'neither matches inside "foobarx"; "foo" matches as a word later' },
  { phrases: ['data sources', 'data'], text: 'data sourcesx and data', expected: ['data', 'data'], why: '"data sources" fails its word end at "sourcesx": "data" still matches there' },
  { phrases: ['online metric', 'online*', 'online'], text: 'online metrics', expected: ['online'], why: 'the longer phrase fails its word end; the prefix between it and the word in the list matches' },
  { phrases: ['a b test', 'a/b', 'ab'], text: 'an a/b testing plan', expected: ['a/b'], why: '"a b test" fails its word end in "testing"; "a/b" is next in the list' },
  // Prefixes
  { phrases: ['retrain*'], text: 'retraining and retrained models', expected: ['retrain', 'retrain'], why: 'a trailing "*" makes a prefix; the hit is the prefix itself' },
  { phrases: ['retrain*'], text: 'pretraining on web text', expected: [], why: 'a prefix still starts at a word start' },
  { phrases: ['recommend*'], text: 'a recommender system', expected: ['recommend'], why: 'prefix' },
  { phrases: ['метрик*'], text: 'Метрики качества', expected: ['Метрик'], why: 'Cyrillic prefix, case-insensitive' },
  { phrases: ['данн*'], text: 'из исторических данных', expected: ['данн'], why: 'Russian inflection through a prefix' },
  { phrases: ['данн*'], text: 'обязанность', expected: [], why: 'a prefix does not match inside a word' },
  // Spaces match space, hyphen, slash, underscore
  { phrases: ['two tower'], text: 'a two-tower retriever', expected: ['two-tower'], why: 'a space matches a hyphen' },
  { phrases: ['two tower'], text: 'the two_tower module', expected: ['two_tower'], why: 'a space matches an underscore' },
  { phrases: ['feature store'], text: 'feature  store', expected: ['feature  store'], why: 'a space matches a run of spaces' },
  { phrases: ['a b test'], text: 'an A/B test on 5% of traffic', expected: ['A/B test'], why: 'a space matches a slash' },
  { phrases: ['training serving skew'], text: 'training/serving skew', expected: ['training/serving skew'], why: 'slash and space alike' },
  { phrases: ['two tower'], text: 'twotower', expected: ['twotower'], why: 'the joiner also matches nothing ("logloss" for "log loss"): the header says "any run", the code allows an empty run' },
  { phrases: ['k-means'], text: 'k means clustering', expected: ['k means'], why: 'a hyphen in a phrase is a space too' },
  // Longest first
  { phrases: ['loss', 'log loss'], text: 'log loss and focal loss', expected: ['log loss', 'loss'], why: 'longest phrase wins at the same position' },
  { phrases: ['click', 'click through rate'], text: 'click-through rate', expected: ['click-through rate'], why: 'longest first, across a hyphen' },
  // CJK and Korean
  { phrases: ['召回'], text: '多路召回策略', expected: ['召回'], why: 'Chinese phrases match anywhere' },
  { phrases: ['学習'], text: '機械学習モデル', expected: ['学習'], why: 'Japanese phrases match anywhere' },
  { phrases: ['데이터'], text: '데이터를 수집한다', expected: ['데이터'], why: 'Korean phrase as a word prefix (particle attached)' },
  { phrases: ['데이터'], text: '빅데이터 플랫폼', expected: [], why: 'Korean phrase must start a word' },
  // Degenerate lists
  { phrases: ['*'], text: 'anything at all', expected: [], why: 'a lone "*" is dropped, it does not match everything' },
  { phrases: [], text: 'anything', expected: [], why: 'an empty list matches nothing' },
  { phrases: ['  ctr  '], text: 'ctr', expected: ['ctr'], why: 'phrases are trimmed' },
  { phrases: ['c++'], text: 'written in C++ and Go', expected: ['C++'], why: 'regex characters are escaped' },
  { phrases: ['recall@'], text: 'recall@10 and recall@50', expected: ['recall@', 'recall@'], why: 'a phrase ending in "@" is a prefix of "recall@k" by construction' },
  {
    phrases: ['функци* потерь'],
    text: 'функция потерь',
    expected: ['функция потерь'],
    why: 'a * at the end of an inner word makes it a prefix too',
  },
  {
    phrases: ['trigger* retrain*'],
    text: 'drift triggers retraining',
    expected: ['triggers retrain'],
    why: 'each word with a * is a prefix',
  },
];

/** Cases the matcher gets wrong today (run with it.fails; see caseTable.ts). */
export const KNOWN_GAPS: PhraseCase[] = [
];
