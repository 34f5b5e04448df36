// Case table for metricsIn (server/src/engine/metrics.ts), the one metric catalogue. `expected` lists
// the names of the metrics found (catalogue names, first-seen order, each once). `inEvaluation` runs the
// text as if it stood in an evaluation section, where everyday words ("revenue", "map") name metrics
// without more context. Run by metrics.test.ts; see caseTable.ts.
import type { Case } from './caseTable';

export interface MetricCase extends Case<string[]> {
  inEvaluation?: boolean;
}

export const CASES: MetricCase[] = [
  // "map": the verb vs the metric
  { text: 'We map each user to an embedding.', expected: [], why: '"map" the verb: no metric context' },
  { text: 'The encoder maps inputs to a 128-dim vector.', expected: [], why: '"maps" is another word (whole words)' },
  { text: 'Offline we track mAP@10 and NDCG.', expected: ['mAP', 'NDCG'], why: '"mAP@" names the metric without context' },
  { text: 'mAP@10', expected: ['mAP'], why: 'mAP@k alone' },
  { text: 'MAP', inEvaluation: true, expected: ['mAP'], why: 'in an evaluation section "map" is the metric' },
  { text: 'Ranking quality: MAP and MRR.', expected: ['mAP', 'MRR'], why: '"map" next to ranking words is the metric' },
  { text: 'Mean average precision over queries.', expected: ['mAP'], why: 'spelled out' },
  // Active users are not Retention
  { text: 'Daily active users: 30M.', expected: [], why: 'DAU as a scale figure outside evaluation is no metric' },
  { text: 'Online metrics: daily active users and retention.', expected: ['Active users (DAU / MAU)', 'Retention'], why: '"Daily active users" is its own metric, not Retention' },
  { text: 'Daily active users: 30M.', inEvaluation: true, expected: ['Active users (DAU / MAU)'], why: 'in evaluation DAU names the active-users metric, never Retention' },
  { text: 'We keep logs for 30 days (retention policy).', expected: [], why: 'data retention is not user retention' },
  { text: 'Users churn when the feed is stale.', expected: [], why: '"churn" needs metric context' },
  { text: 'Track churn in the A/B test.', expected: ['Retention'], why: '"A/B" and "track" make churn a metric' },
  { text: 'Churn is a metric we track.', expected: ['Retention'], why: '"metric" makes churn a metric' },
  // Revenue, engagement, conversion need context
  { text: 'Revenue grew 10% last year.', expected: [], why: '"revenue" alone is business prose' },
  { text: 'The ads business brings most of the revenue.', expected: [], why: '"revenue" without metric context' },
  { text: 'revenue', inEvaluation: true, expected: ['Revenue'], why: '"revenue" in an evaluation section' },
  { text: 'Online metric: revenue per session.', expected: ['Revenue'], why: '"revenue per session" with context' },
  { text: 'Engagement is high in the evening.', expected: [], why: '"engagement" needs context' },
  { text: 'Engagement metric: likes per session.', expected: ['Engagement rate'], why: '"metric" makes engagement and likes metrics' },
  { text: 'The click conversion happens in the app.', expected: [], why: '"conversion" needs context' },
  { text: 'Online we measure conversion.', expected: ['Conversion rate'], why: '"online" and "measure" give context' },
  { text: 'conversion rate', expected: ['Conversion rate'], why: '"conversion rate" needs no context' },
  // Offline and online metrics, spellings
  { text: 'AUC, log loss, CTR', expected: ['AUC-ROC', 'Log loss', 'CTR'], why: 'plain names' },
  { text: 'Log loss and loss curves', expected: ['Log loss'], why: '"loss" alone is no metric' },
  { text: 'Our AUC-ROC is 0.9', expected: ['AUC-ROC'], why: 'hyphenated name' },
  { text: 'a secret sauce', expected: [], why: 'whole words only' },
  { text: 'precision@5 and recall@50', expected: ['Precision@k', 'Recall@k'], why: '@k forms are their own metrics' },
  { text: 'NDCG@10', expected: ['NDCG'], why: 'NDCG@k' },
  { text: 'Hit rate of the candidate generator.', expected: ['Recall@k'], why: 'hit rate is recall@k' },
  { text: 'watch time per session', expected: ['Watch time'], why: 'online metric' },
  { text: 'Users can hide or report posts; the hide rate is a guardrail.', expected: ['Hide / report rate'], why: '"hide rate"' },
  { text: 'Mean absolute error of the ETA model', expected: ['RMSE'], why: 'MAE is catalogued under RMSE' },
  // Other languages
  { text: '点击率和转化率', expected: ['CTR', 'Conversion rate'], why: 'Chinese names match inside the text' },
  { text: 'Офлайн-метрики: точность и полнота.', expected: ['Precision', 'Recall'], why: 'Russian names through prefixes' },
  { text: 'выручка выросла на 10%', expected: [], why: 'Russian "revenue" needs context too' },
  { text: 'Онлайн-метрика: выручка на пользователя.', expected: ['Revenue'], why: '"метрик*" is context' },
  { text: '收入增长', expected: [], why: 'Chinese "revenue" without context' },
  { text: '线上指标：收入和点击率', expected: ['Revenue', 'CTR'], why: '"指标" is context' },
  { text: '留存率', expected: ['Retention'], why: 'Chinese retention needs no context' },
  {
    text: 'We map each user to an embedding.',
    inEvaluation: true,
    expected: [],
    why: 'the lower-case verb map needs metric context even in an evaluation section',
  },
  {
    text: 'Complaints go to the support team.',
    expected: [],
    why: 'complaints is a metric only next to metric words or in an evaluation section',
  },
];

/** Cases the catalogue gets wrong today (run with it.fails; see caseTable.ts). */
export const KNOWN_GAPS: MetricCase[] = [
  {
    text: 'Two-tower retrieval: we map each query to an embedding and fetch neighbours.',
    expected: [],
    why: '"map" the verb is read as mAP because "retrieval" is in the sentence (the issue\'s trap, one word away)',
  },
];
