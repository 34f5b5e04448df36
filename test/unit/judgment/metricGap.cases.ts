// Case table for the offline/online metric-gap check (server/src/engine/checks/metricGap.ts,
// `detectMetricGap`). Each text is a small Markdown doc; `expected` is the check's status: 'present'
// (the doc says why offline and online metrics disagree, or what it does about it), 'thin' (a heading
// names the gap, nothing discusses it) or 'missing'. Run by metricGap.test.ts; see caseTable.ts.
import type { Case } from './caseTable';

export type GapStatus = 'present' | 'thin' | 'missing';

const ev = (body: string): string => `## Evaluation\n\n${body}\n`;

export const CASES: Case<GapStatus>[] = [
  // The discussion, in natural wording
  {
    text: ev('An AUC win offline does not always move CTR online, because the logs only contain ads the old model chose to show.'),
    expected: 'present',
    why: 'natural wording: a named offline metric set against a named online one, with the cause',
  },
  { text: ev('Offline NDCG rose by 2% but watch time fell in the A/B test, so we added interleaving.'), expected: 'present', why: 'offline and online metrics set against each other ("but")' },
  { text: ev('A better AUC does not guarantee higher revenue.'), expected: 'present', why: 'contrast between an offline and an online metric' },
  {
    text: ev('Offline metrics are computed on data logged by the production model, so position bias inflates them; every win is confirmed with an A/B test.'),
    expected: 'present',
    why: 'the cause (logged by the production model, position bias) and the remedy',
  },
  { text: ev('Novelty effect: the online lift fades after two weeks, so the experiment runs for four.'), expected: 'present', why: 'a named cause (novelty effect) in an experiment' },
  { text: ev('Offline gains often fail to translate into online metric gains when the data is non-stationary.'), expected: 'present', why: '"fail to translate" with offline and online' },
  { text: ev('We use counterfactual evaluation on logged data to estimate the online metric before any A/B test.'), expected: 'present', why: 'a remedy: counterfactual evaluation' },
  { text: ev('Офлайн-метрики не всегда совпадают с онлайн-метриками: логи собраны старой моделью.'), expected: 'present', why: 'Russian: "не всегда совпадают"' },
  { text: ev('Офлайн AUC вырос, но CTR в A/B-тесте не изменился: модель переобучилась на позиционное смещение.'), expected: 'present', why: 'Russian: offline AUC against online CTR, with the cause' },
  { text: ev('Higher offline recall@50 usually shows up as more watch time, but we verify it with interleaving before a full A/B test.'), expected: 'present', why: 'a remedy (interleaving) set against the offline metric' },
  { text: ev('Offline evaluation uses held-out clicks, which are a proxy for purchases; we therefore run a two-week A/B test with revenue as the decision metric.'), expected: 'present', why: 'labels as a proxy for the business outcome' },
  // Look-alikes
  { text: ev('Offline and online metrics are listed below.'), expected: 'missing', why: 'announces the lists, says nothing about a gap' },
  { text: ev('The gap between offline and online feature values is monitored.'), expected: 'missing', why: '"gap" between feature values is feature skew' },
  { text: '## Metrics: offline and online\n\n- AUC\n- log loss\n\n- CTR\n- conversion rate\n', expected: 'missing', why: 'a heading over two plain lists is not a discussion' },
  { text: ev('Offline metrics: AUC, log loss. Online metrics: CTR, revenue.'), expected: 'missing', why: 'two plain lists in one paragraph' },
  { text: ev('We watch for training/serving skew between offline and online features.'), expected: 'missing', why: 'feature skew written with a slash is not the metric gap' },
  { text: ev('We watch for training-serving skew between offline and online features.'), expected: 'missing', why: 'feature skew written with a hyphen' },
  { text: ev('We compare online and offline predictions for the same requests every day.'), expected: 'missing', why: 'a consistency check of predictions' },
  { text: ev('The online feature store and offline feature store must hold the same values.'), expected: 'missing', why: 'feature store parity' },
  { text: ev('Offline AUC and online CTR are both tracked on the dashboard.'), expected: 'missing', why: 'both metrics named, nothing set against each other' },
  { text: ev('Why might an offline AUC gain not move CTR online?'), expected: 'missing', why: 'a template question is a prompt, not a discussion' },
  { text: ev('Explain why offline and online metrics may disagree.'), expected: 'missing', why: 'guidance is a prompt' },
  { text: ev('<!-- offline AUC does not always move online CTR -->'), expected: 'missing', why: 'an HTML comment is not rendered' },
  { text: '## Offline vs online gap\n\nTBD\n', expected: 'thin', why: 'a heading names the gap, the section only says TBD' },
  { text: '## Why offline and online metrics disagree\n\n- {{reason}}\n', expected: 'thin', why: 'a heading names the gap, the section holds a placeholder' },
  { text: ev('| Metric | Kind |\n|---|---|\n| AUC | offline |\n| CTR | online |'), expected: 'missing', why: 'table rows set metrics side by side, not against each other' },
  {
    text: ev('离线指标和线上指标不一致，因为训练数据有位置偏差。'),
    expected: 'present',
    why: 'Chinese: offline and online metrics disagree because of position bias (characters count two to a word)',
  },
];

/** Cases the check gets wrong today (run with it.fails; see caseTable.ts). */
export const KNOWN_GAPS: Case<GapStatus>[] = [
  {
    text: ev('Clicks in our logs come only from items the current ranker surfaced, so offline recall overstates what a new model will do in production.'),
    expected: 'present',
    why: 'selection bias in natural wording ("come only from items the current ranker surfaced", "overstates"); no trigger phrase matches',
  },
  {
    text: ev('A model can win on log loss and still lose on conversions.'),
    expected: 'present',
    why: 'an offline metric set against an online one with "and still"; the contrast list has "but/however/yet/not", not "still"',
  },
  {
    text: ev('离线AUC提升，但线上点击率没有变化。'),
    expected: 'present',
    why: 'Chinese: offline AUC up but online CTR flat; under the six-word minimum because Chinese has no spaces',
  },
  {
    text: ev('Training/serving skew is a common source of offline-online metric mismatch, so we log features at serving time.'),
    expected: 'present',
    why: 'debatable: skew named as a cause of the metric mismatch, with a remedy; the skew look-alike vetoes it unless a listed cause appears',
  },
];
