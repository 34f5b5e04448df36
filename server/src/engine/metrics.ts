// Offline and online metrics the framework names, with what each measures.
// The one metric catalogue: evaluation-metrics, metric-gap, the checkpoints, hover and completion
// all read it. Case table: test/unit/judgment/metrics.cases.ts.
import { compilePhrases, type PhraseList } from './judgment/phrases';

export interface MetricInfo {
  name: string;
  kind: 'offline' | 'online';
  description: string;
  /** Spellings found in docs, as phrases (judgment/phrases.ts: whole words, `*` for a prefix, CJK anywhere). */
  aliases: string[];
  /**
   * Aliases that are also everyday words ("map", "revenue", "engagement") name the metric only inside an
   * evaluation section or in a passage that also holds one of these phrases. Absent: every alias always counts.
   */
  context?: string[];
  /** The aliases that need that context (default: all of them, when `context` is set). */
  contextual?: string[];
  /** The context is needed even inside an evaluation section ("we map each query to an embedding"). */
  contextEverywhere?: boolean;
}

/** Words that make an everyday word a metric: "revenue" in "online metrics: revenue per session". */
const METRIC_CONTEXT = ['metric*', 'kpi*', 'a b', 'ab test*', 'online', 'offline', 'measure*', 'track*', 'lift', 'guardrail*', 'experiment*', 'evaluat*', 'success', 'north star', 'per user', 'per session', 'per impression', 'метрик*', '指标', '评估', '指標', '지표'];

export const METRICS: MetricInfo[] = [
  { name: 'AUC-ROC', kind: 'offline', description: 'Area under the ROC curve: how well scores rank positives above negatives, independent of threshold.', aliases: ['auc-roc', 'roc-auc', 'roc auc', 'auc roc', 'auc', 'auroc', 'roc curve'] },
  { name: 'PR-AUC', kind: 'offline', description: 'Area under the precision-recall curve: ranking quality when positives are rare.', aliases: ['pr-auc', 'pr auc', 'auprc', 'average precision'] },
  { name: 'Precision', kind: 'offline', description: 'Share of predicted positives that are truly positive.', aliases: ['precision', 'точност*', '精确率', '准确率', '適合率', '정밀도', 'precisão'] },
  { name: 'Recall', kind: 'offline', description: 'Share of true positives the model finds.', aliases: ['recall', 'полнот*', '召回率', '再現率', '재현율', 'revocação'] },
  { name: 'F1 score', kind: 'offline', description: 'Harmonic mean of precision and recall.', aliases: ['f1', 'f1-score', 'f1 score', 'f-score'] },
  { name: 'Log loss', kind: 'offline', description: 'Cross-entropy of predicted probabilities against labels; penalises confident mistakes.', aliases: ['log loss', 'logloss', 'log-loss', 'cross-entropy loss', 'binary cross-entropy'] },
  { name: 'Normalized cross entropy (NCE)', kind: 'offline', description: 'Log loss divided by the entropy of the background rate: insensitive to the base CTR.', aliases: ['normalized cross entropy', 'normalized cross-entropy', 'normalised cross entropy', 'nce'] },
  { name: 'NDCG', kind: 'offline', description: 'Normalized discounted cumulative gain: graded relevance of a ranked list, discounted by position.', aliases: ['ndcg', 'ndcg@k', 'dcg'] },
  { name: 'mAP', kind: 'offline', description: 'Mean average precision over queries or classes: ranking quality with binary relevance, or detection quality across IoU thresholds.', aliases: ['map', 'map@k', 'map@', 'mean average precision', 'средняя точность'], contextual: ['map'], contextEverywhere: true, context: ['precision', 'ranking', 'retrieval', 'metric*', 'ndcg', 'mrr', 'recall', 'detection', 'iou', 'offline', 'evaluat*', 'метрик*', '指标'] },
  { name: 'MRR', kind: 'offline', description: 'Mean reciprocal rank of the first relevant result.', aliases: ['mrr', 'mean reciprocal rank'] },
  { name: 'Recall@k', kind: 'offline', description: 'Share of relevant items that appear in the top k; the usual retrieval / candidate-generation metric.', aliases: ['recall@k', 'recall@', 'hit rate', 'hitrate', 'hit@k'] },
  { name: 'Precision@k', kind: 'offline', description: 'Share of the top k results that are relevant.', aliases: ['precision@k', 'precision@', 'p@k'] },
  { name: 'Accuracy', kind: 'offline', description: 'Share of correct predictions; misleading under class imbalance.', aliases: ['accuracy'] },
  { name: 'RMSE', kind: 'offline', description: 'Root mean squared error of a regression.', aliases: ['rmse', 'mse', 'mae', 'mean squared error', 'mean absolute error'] },
  { name: 'IoU', kind: 'offline', description: 'Intersection over union of predicted and true boxes or masks.', aliases: ['iou', 'intersection over union'] },
  { name: 'Calibration', kind: 'offline', description: 'Whether predicted probabilities match observed frequencies (expected vs observed clicks, ECE).', aliases: ['calibration', 'expected calibration error', 'ece'] },
  { name: 'Word error rate', kind: 'offline', description: 'Edit distance between recognised and reference transcripts, per word.', aliases: ['word error rate', 'wer'] },
  { name: 'BLEU / ROUGE', kind: 'offline', description: 'N-gram overlap with reference texts, for generation and summarisation.', aliases: ['bleu', 'rouge'] },
  { name: 'CTR', kind: 'online', description: 'Click-through rate: clicks per impression in live traffic.', aliases: ['ctr', 'click-through rate', 'click through rate', 'clickthrough rate', 'кликабельност*', '点击率', 'クリック率', '클릭률'] },
  { name: 'Conversion rate', kind: 'online', description: 'Share of sessions or impressions that end in the target action (purchase, sign-up, booking).', aliases: ['conversion rate', 'conversions', 'cvr', 'conversion', 'конверси*', '转化率', 'コンバージョン率', '전환율', 'taxa de conversão'], contextual: ['conversions', 'conversion', 'конверси*'], context: METRIC_CONTEXT },
  { name: 'Watch time', kind: 'online', description: 'Total or per-session time users spend watching recommended content.', aliases: ['watch time', 'time spent', 'dwell time', 'session length', 'session duration', 'время просмотра', '观看时长', '播放时长', '視聴時間', '시청 시간'] },
  { name: 'Revenue', kind: 'online', description: 'Revenue (or revenue lift) per user, session or impression in the experiment.', aliases: ['revenue', 'revenue lift', 'gmv', 'ad revenue', 'rpm', 'revenue per user', 'revenue per session', 'выручк*', '收入', 'receita'], contextual: ['revenue', 'ad revenue', 'выручк*', '收入', 'receita'], context: METRIC_CONTEXT },
  { name: 'Retention', kind: 'online', description: 'Share of users who come back after N days; a slow, long-term outcome metric.', aliases: ['retention', 'churn', 'retention rate', 'удержани*', '留存', 'リテンション', '리텐션'], contextual: ['retention', 'churn'], context: METRIC_CONTEXT },
  { name: 'Active users (DAU / MAU)', kind: 'online', description: 'Daily or monthly active users: a product outcome an experiment can move, slowly; more often a scale figure.', aliases: ['dau', 'mau', 'daily active users', 'monthly active users'], context: METRIC_CONTEXT },
  { name: 'Engagement rate', kind: 'online', description: 'Likes, shares, comments or other interactions per impression or user.', aliases: ['engagement rate', 'engagement', 'likes', 'shares', 'вовлеченност*', '互动率', 'エンゲージメント'], contextual: ['engagement', 'likes', 'shares', 'вовлеченност*', 'エンゲージメント'], context: METRIC_CONTEXT },
  { name: 'Hide / report rate', kind: 'online', description: 'Share of impressions users hide or report: a guardrail against harmful or low-quality results.', aliases: ['hide rate', 'report rate', 'hide/report rate', 'user reports', 'complaint rate', 'complaints'], contextual: ['complaints'], context: METRIC_CONTEXT },
  { name: 'Prevalence', kind: 'online', description: 'Share of harmful content that users actually see: the outcome metric for integrity systems.', aliases: ['prevalence', 'valid appeals', 'proactive rate'] },
  { name: 'Null / abandon rate', kind: 'online', description: 'Share of searches with no click or no result: a search-quality guardrail.', aliases: ['abandon rate', 'abandonment rate', 'null rate', 'zero-result rate', 'successful session rate'] },
  { name: 'Invitations accepted', kind: 'online', description: 'Connection requests sent or accepted per user, for people-you-may-know style products.', aliases: ['invitations accepted', 'connection requests', 'requests accepted', 'friend requests', 'accepted connections', 'acceptance rate'] },
];

const ALIAS_INDEX = new Map<string, MetricInfo>();
for (const metric of METRICS) for (const alias of metric.aliases) if (!ALIAS_INDEX.has(alias.toLowerCase())) ALIAS_INDEX.set(alias.toLowerCase(), metric);

/** The metric a word or phrase names (case-insensitive), if any. */
export function findMetric(word: string): MetricInfo | undefined {
  return ALIAS_INDEX.get(word.trim().toLowerCase());
}

const ALIASES = compilePhrases([...ALIAS_INDEX.keys()]);
const CONTEXTS = new Map<MetricInfo, PhraseList>();
for (const metric of METRICS) if (metric.context) CONTEXTS.set(metric, compilePhrases(metric.context));

function needsContext(metric: MetricInfo, alias: string): boolean {
  return metric.context !== undefined && (metric.contextual === undefined || metric.contextual.includes(alias));
}

export interface MetricOptions {
  /** The text stands in an evaluation section: everyday words there name metrics without more context. */
  inEvaluation?: boolean;
}

/** Metrics named in a text, with their positions. */
export function metricsIn(text: string, options: MetricOptions = {}): { metric: MetricInfo; index: number; length: number }[] {
  const found: { metric: MetricInfo; index: number; length: number }[] = [];
  for (const hit of ALIASES.all(text)) {
    const metric = ALIAS_INDEX.get(hit.phrase.toLowerCase());
    if (!metric) continue;
    const written = text.slice(hit.index, hit.index + hit.length);
    // "MAP" or "mAP" is the metric as written; the lower-case verb "map" needs its context even in an evaluation section.
    const needs = needsContext(metric, hit.phrase.toLowerCase()) && !(metric.contextEverywhere && written !== written.toLowerCase());
    if (needs && (!options.inEvaluation || metric.contextEverywhere) && !CONTEXTS.get(metric)!.test(text)) continue;
    found.push({ metric, index: hit.index, length: hit.length });
  }
  return found;
}
