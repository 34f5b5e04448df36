// Case table for the reviewer's rubric (server/src/engine/judgment/checkpoints.ts, judged by judge.ts
// through `createEngine().lint`): small docs and whether named checkpoints are met. Keys are
// "step.checkpoint"; `true` met, `false` not met, 'n/a' the checkpoint does not apply to this kind of
// system (it is not listed). A checkpoint is met by a stated passage anywhere in the doc: questions,
// guidance, placeholders, comments, table headers and diagram labels never meet one. Run by
// checkpoints.test.ts; see caseTable.ts.
import type { Case } from './caseTable';

export type CheckpointCase = Case<Record<string, boolean | 'n/a'>>;

export const CASES: CheckpointCase[] = [
  { text: '# Churn\n\n## Model\n\nA logistic regression baseline, then gradient-boosted trees.\n', expected: { 'model.baseline': true, 'model.model-choice': true, 'model.loss': false }, why: 'named baseline and family; no loss' },
  { text: '# Churn\n\n## Model\n\n- What is the simplest baseline?\n- Which loss fits an imbalanced target?\n', expected: { 'model.baseline': false, 'model.loss': false }, why: 'checkpoint words inside questions do not meet them' },
  { text: '# Churn\n\n## Model\n\n- Baseline: {{baseline}}\n- Loss: TBD\n', expected: { 'model.baseline': false, 'model.loss': false }, why: 'placeholders and TBD do not meet them' },
  { text: '# Churn\n\n## Model\n\n<!-- baseline: logistic regression, loss: log loss -->\n', expected: { 'model.baseline': false, 'model.loss': false }, why: 'an HTML comment is not rendered' },
  {
    text: '# Churn\n\n## Requirements\n\nWe will beat a popularity baseline before anything else; the model is retrained nightly.\n\n## Model\n\nGradient-boosted trees.\n',
    expected: { 'model.baseline': true, 'model.training-cadence': true },
    why: 'met anywhere in the doc, not only under the step\'s heading',
  },
  {
    text: '# Churn\n\n## Evaluation\n\n| Metric | Baseline | Target |\n|---|---|---|\n| AUC | 0.81 | 0.84 |\n',
    expected: { 'model.baseline': false, 'evaluation.offline-metrics': true },
    why: 'a table header is a label, not an answer; the row names a metric',
  },
  {
    text: '# Feed\n\n## Serving\n\n```mermaid\nflowchart LR\n  A[Request] --> B[Ranker: log loss, AUC]\n```\n',
    expected: { 'model.loss': false, 'evaluation.offline-metrics': false },
    why: 'a loss or a metric only as a box in a diagram is not discussed',
  },
  { text: '# Fraud\n\n## Requirements\n\nWe serve 40M daily active users at 12k QPS.\n', expected: { 'clarify.scale': true }, why: 'scale in numbers' },
  { text: '# Fraud\n\n## Requirements\n\nWe serve a lot of users around the world every single day.\n', expected: { 'clarify.scale': false }, why: 'no number, no scale' },
  { text: '# Fraud\n\n## Requirements\n\nDaily active users: 30M.\n', expected: { 'clarify.scale': true, 'evaluation.online-metrics': false }, why: 'DAU as scale is not an online metric' },
  { text: '# Fraud\n\n## Architecture\n\nModel type: binary classifier (spam = 1)\n', expected: { 'framing.ml-category': true, 'framing.input-output': true }, why: '"binary classifier" and "spam = 1" under any heading' },
  { text: '# Feed\n\n## Model\n\nWe map each user to an embedding and score posts with a small MLP.\n', expected: { 'evaluation.offline-metrics': false, 'model.model-choice': true }, why: '"map" the verb is no mAP' },
  { text: '# Feed\n\n## Evaluation\n\nOffline: NDCG@10. Online: watch time, in an A/B test on 5% of users.\n', expected: { 'evaluation.offline-metrics': true, 'evaluation.online-metrics': true, 'evaluation.ab-test': true, 'evaluation.metric-gap': false }, why: 'named metrics and an A/B test; no gap discussion' },
  { text: '# Feed\n\n## Model\n\nA two-tower retriever proposes 500 candidates; a GBDT ranker orders them.\n', expected: { 'model.two-stage': true }, why: 'a feed is a recommendation system: the funnel applies and is met' },
  { text: '# Fraud scoring\n\n## Model\n\nGradient-boosted trees over card and merchant features.\n', expected: { 'model.two-stage': 'n/a' }, why: 'fraud scoring is not recommendation, search or ads: no funnel checkpoint' },
  { text: '# Feed\n\n## Serving\n\nOnline prediction behind the API gateway; p99 < 120 ms; canary to 5% first.\n', expected: { 'serving.prediction-mode': true, 'serving.serving-path': true, 'serving.latency-budget': true, 'serving.rollout': true }, why: 'four serving checkpoints in one line' },
  { text: '# Feed\n\n## Serving\n\nLatency budget: N ms per message\n', expected: { 'serving.latency-budget': false }, why: 'a placeholder budget does not meet the checkpoint' },
  { text: '# Feed\n\n## Monitoring\n\nWe monitor feature drift daily and page the on-call engineer when CTR drops 10%; a drift alert triggers a retrain.\n', expected: { 'monitoring.what-monitored': true, 'monitoring.alerts': true, 'monitoring.retraining-triggers': true, 'monitoring.failure-modes': false }, why: 'three monitoring checkpoints, no failure mode' },
  { text: '# Рекомендации\n\n## Модель\n\nБейзлайн — популярные товары; основная модель — градиентный бустинг, переобучаем ежедневно.\n', expected: { 'model.baseline': true, 'model.model-choice': true, 'model.training-cadence': true }, why: 'Russian checkpoints' },
  { text: '# 推荐\n\n## 数据\n\n数据来源为点击日志，通过 Kafka 实时写入，标签为是否点击。\n', expected: { 'data.data-sources': true, 'data.batch-streaming': true, 'data.labels': true }, why: 'Chinese checkpoints' },
  { text: '# Churn\n\n## Data\n\nEach user has 40 features; we label churn after 30 days of silence.\n', expected: { 'data.features': true, 'data.labels': true }, why: 'features and labels in one line' },
  { text: '# Churn\n\n## Model\n\nWe fine-tune nothing; the model is trained once per quarter.\n', expected: { 'model.training-cadence': true }, why: 'a cadence in words' },
  { text: '# 推荐\n\n## 模型\n\n基线模型为逻辑回归，主模型为梯度提升树。\n', expected: { 'model.baseline': true, 'model.model-choice': true }, why: 'Chinese baseline and model family' },
  {
    text: '# Рекомендации\n\n## Модель\n\nФункция потерь — логлосс.\n',
    expected: { 'model.loss': true },
    why: 'функци* потерь: each word with a * is a prefix',
  },
  {
    text: '# Recipes\n\n## Evaluation\n\nOffline metrics:\n\n- NDCG@10 on a time-split holdout\n\nOnline metrics:\n\n- Saves per session\n- Cooked-it rate over seven days\n',
    expected: { 'evaluation.offline-metrics': true, 'evaluation.online-metrics': true },
    why: 'what the writer lists under an "Online metrics:" lead line is an online metric, even one the catalogue does not know',
  },
  {
    text: '# Recipes\n\n## Evaluation\n\nOffline metrics:\n\n- NDCG@10 on a time-split holdout\n\nOnline metrics:\n\n- What will you measure online?\n',
    expected: { 'evaluation.online-metrics': false },
    why: 'a question under the lead line is still a prompt',
  },
];

/** Checkpoints judged wrongly today (run with it.fails; see caseTable.ts). */
export const KNOWN_GAPS: CheckpointCase[] = [
  {
    text: '# Churn\n\n## Requirements\n\nEvery lost subscriber is a revenue loss of about $40 a year.\n',
    expected: { 'model.loss': false },
    why: 'the everyday word "loss" meets the loss-function checkpoint',
  },
  {
    text: '# Churn\n\n## Requirements\n\nThe product team reviews churn reports weekly.\n',
    expected: { 'model.training-cadence': false },
    why: '"weekly" alone meets the training-cadence checkpoint, whatever happens weekly',
  },
  {
    text: '# Churn\n\n## Data\n\nWe pull public posts through the Twitter API into the warehouse.\n',
    expected: { 'serving.serving-path': false },
    why: 'a data-collection API meets the serving-path checkpoint ("api")',
  },
  {
    text: '# Churn\n\n## Requirements\n\nUser feedback from surveys says recommendations feel repetitive.\n',
    expected: { 'monitoring.feedback-loops': false },
    why: '"feedback" alone (survey feedback) meets the feedback-loops checkpoint',
  },
  {
    text: '# Fraud\n\n## Operations\n\nWhen the feature store is stale, scoring falls back to the rules engine.\n',
    expected: { 'monitoring.failure-modes': true },
    why: 'no stemming: "fall back" and "fallback*" do not match "falls back", so the fallback is not seen',
  },
];
