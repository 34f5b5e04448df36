// Case table for the judgment of steps (server/src/engine/judgment/judge.ts, through
// `createEngine().lint`): small whole docs and the status the engine must give the steps and checks
// named in `expected` (steps not named are not checked). DOMAIN.md: "Prompts are not answers" and "The
// reviewer's rubric". Run by steps.test.ts; see caseTable.ts.
import type { Case } from './caseTable';

export type Status = 'present' | 'thin' | 'missing';
export interface StepsCase extends Case<Record<string, Status>> {
  /** Bounds on the file's readiness (0-100), when the case pins it. */
  readiness?: { below?: number; atLeast?: number };
}

const ALL_THIN: Record<string, Status> = { clarify: 'thin', framing: 'thin', data: 'thin', model: 'thin', evaluation: 'thin', serving: 'thin', monitoring: 'thin' };
const ALL_PRESENT: Record<string, Status> = { clarify: 'present', framing: 'present', data: 'present', model: 'present', evaluation: 'present', serving: 'present', monitoring: 'present' };

export const FRESH_TEMPLATE = `# Fraud detection for card payments

## 1. Clarify requirements

- What is the business objective?
- How many transactions per second at peak?
- {{constraints}}

## 2. Framing as an ML task

- What does the model predict, and from which inputs?
- {{ml category}}

## 3. Data preparation

- Which data sources exist, and how are labels collected?
- {{features}}

## 4. Model development

- What is the simplest baseline?
- {{model choice}}

## 5. Evaluation

- Which offline metrics? Which online metrics?
- {{a/b test}}

## 6. Deployment and serving

- Batch or online prediction?
- Latency budget: {{p99}} ms

## 7. Monitoring

- What is monitored, and what triggers a retrain?
- {{alerts}}
`;

export const GUIDANCE_TEMPLATE = `# Design doc template

## Problem statement

Describe the problem in 3-5 sentences. Be clear about what is out of scope.

- Goal 1
- Goal 2

## ML formulation

Explain what the model predicts and why that moves the goal above.

## Data

- Sources, ownership, and access.
- Describe how labels are obtained.

## Model

Provide a short description of the baseline and the candidate models.

## Metrics

- Metric 1
- Metric 2

## Serving

Include a diagram of the serving path. You should state the latency budget here.

## Monitoring

List the alerts your team will own.
`;

export const REVIEW_CHECKLIST = `# Чек-лист ревью дизайн-документа

## Бизнес-требования

- [x] Описан бизнес-контекст
- [x] Указаны ограничения

## Данные

- [x] Описаны источники данных
- [ ] Есть схема разметки

## Модель

- [x] Описан бейзлайн
- [ ] Обоснован выбор модели

## Метрики

- [x] Определены офлайн-метрики
- [ ] Определены онлайн-метрики

## Мониторинг

- [ ] Есть план мониторинга
`;

export const RUSSIAN_DOC = `# Рекомендации товаров на главной

## Бизнес-требования

Цель: увеличить выручку с главной страницы на 5%. Сервисом пользуются 2 млн пользователей в день, в пике около 3 тысяч запросов в секунду.

## Постановка ML-задачи

Задача ранжирования: модель предсказывает вероятность клика по товару для пары пользователь-товар. На вход подаются признаки пользователя и товара, на выходе скор от 0 до 1.

## Сбор и подготовка данных

Источники: логи показов и кликов из Kafka, каталог товаров из хранилища. Метки — клики; негативы семплируем из показов без клика.

## Модель

Бейзлайн — логистическая регрессия; основная модель — градиентный бустинг над деревьями, переобучаем раз в сутки на данных за 30 дней.

## Метрики

Офлайн: NDCG@10 и полнота@100. Онлайн: CTR и выручка на пользователя в A/B-тесте на 5% трафика.

## Деплой

Онлайн-инференс за балансировщиком: отбор 500 кандидатов, затем ранжирование бустингом; задержка не более 120 мс на p99.

## Мониторинг

Следим за дрейфом признаков и распределением скоров; алерт при падении CTR на 10% за сутки.
`;

export const CHINESE_DOC = `# 短视频推荐

## 需求分析

业务目标是提高用户观看时长。日活用户约五千万，峰值每秒两万次请求。

## 问题定义

把推荐建模为排序问题：预测用户完整观看视频的概率，输入为用户特征和视频特征，输出为 0 到 1 之间的分数。

## 数据准备

数据来源包括曝光日志和点击日志，通过 Kafka 实时写入；标签为是否完整观看，负样本从未点击的曝光中采样。

## 模型选择

基线模型为逻辑回归，主模型采用双塔召回加上 GBDT 排序，每天重新训练一次。

## 评估指标

离线指标：AUC 和 NDCG@10。线上指标：点击率和观看时长，通过 A/B 测试验证。

## 线上部署

在线预测服务部署在 Kubernetes 上，先召回 500 个候选，再用 GBDT 排序；响应时间不超过 200 毫秒，其中召回 50 毫秒，按流量自动扩容。

## 监控

监控特征漂移和预测分布，点击率下降 10% 时报警并触发重新训练。
`;

export const CASES: StepsCase[] = [
  // Templates and checklists read as unfinished
  { text: FRESH_TEMPLATE, expected: { ...ALL_THIN, 'latency-budget': 'thin', 'metric-gap': 'missing' }, readiness: { below: 40 }, why: 'a doc fresh from a template (questions and {{placeholders}}): every step thin' },
  { text: GUIDANCE_TEMPLATE, expected: ALL_THIN, readiness: { below: 40 }, why: 'a guidance-only template ("Describe…", "Goal 1", "Sources, ownership, and access."): every step thin' },
  { text: REVIEW_CHECKLIST, expected: { clarify: 'thin', data: 'thin', model: 'thin', evaluation: 'thin', monitoring: 'thin' }, why: 'a review checklist with boxes ticked over criteria: the criteria are prompts' },
  {
    text: '# Churn\n\n## Problem\n\n**Problem:** [The business problem this solves]\n\n**Users:** [Who uses the product]\n',
    expected: { clarify: 'thin' },
    why: 'bracket-template labels over blanks are placeholders',
  },
  {
    text: '# Scoring\n\n## Требования бизнеса `Product Owner`\n\nТребования бизнеса `Product Owner`\n\n## Данные `Data Scientist`\n\nИсточники данных `Data Scientist`\n',
    expected: { clarify: 'thin', data: 'thin' },
    why: 'role-tagged lines of a process template say who fills a section, not what it holds',
  },
  { text: '# Search\n\n## Evaluation\n\nTBD\n', expected: { evaluation: 'thin' }, why: 'a section that only says TBD' },
  { text: '# Search\n\n## Monitoring\n\n## Appendix\n\nNone.\n', expected: { monitoring: 'thin' }, why: 'a heading alone' },
  { text: '# Search\n\n## Data\n\n<!-- clickstream from Kafka, labels from purchases, 30 days of history -->\n', expected: { data: 'thin' }, why: 'text inside an HTML comment is not rendered' },
  {
    text: '# Forecast\n\n## Model\n\nModel design is owned by the forecasting team and described in their RFC.\n',
    expected: { model: 'thin' },
    why: 'a deferral to another document is not an answer',
  },
  // Terse but specific content, content without a heading of its own
  {
    text: '# Spam filter\n\n## Requirements\n\nWe filter spam for a mail service with 40M daily active users; scoring must finish before delivery.\n\n## Architecture\n\nModel type: binary classifier (spam = 1)\n',
    expected: { framing: 'present' },
    why: '"Model type: binary classifier (spam = 1)" under an architecture heading is framing',
  },
  {
    text: '# Churn prediction\n\n## 5. model\n\n- logistic regression\n- gradient-boosted trees\n- random forest\n- factorization machines\n- two-tower network\n- wide and deep\n- DeepFM\n- DCN v2\n- transformer encoder\n- LSTM\n- naive Bayes\n- k-nearest neighbours\n',
    expected: { model: 'present' },
    why: 'twelve concrete model families as a bullet list: terse but specific',
  },
  {
    text: '# Video recommendations\n\n## Evaluation\n\n- Offline: NDCG@10, recall@100\n- Online: watch time per session, CTR, seven-day retention\n',
    expected: { evaluation: 'present' },
    why: 'two named offline and three named online metrics',
  },
  {
    text: '# Ads ranking\n\n## Model\n\n## Model development\n\nWe start from a logistic regression baseline on hashed features, then move to a gradient-boosted ranker trained with log loss; it is retrained every 6 hours on the last week of impressions.\n',
    expected: { model: 'present' },
    why: 'two sections map to one step, the empty one first: the full one decides',
  },
  {
    text: '# Ads ranking\n\n## Model development\n\nWe start from a logistic regression baseline on hashed features, then move to a gradient-boosted ranker trained with log loss; it is retrained every 6 hours on the last week of impressions.\n\n## Model\n\nTBD\n',
    expected: { model: 'present' },
    why: 'two sections map to one step, the TBD one last: the full one decides',
  },
  {
    text: '# Message moderation\n\n## Serving\n\n- Latency budget: N ms per message\n- Deployment: TBD\n',
    expected: { serving: 'thin', 'latency-budget': 'thin' },
    why: 'a placeholder budget and a TBD deployment: serving thin',
  },
  {
    text: '# Checkout fraud\n\n## Clarifying questions\n\n- Which payments are in scope? Card payments in the EU, about 1,200 per second at peak.\n- What is the goal? Cut chargebacks by a fifth without blocking more than 0.5% of good orders.\n',
    expected: { clarify: 'present' },
    why: 'questions followed by their answers are content',
  },
  {
    text: '# Checkout fraud\n\n## Serving\n\n- [x] Prediction: online, synchronous, before capture\n- [x] Latency: < 200ms p95\n- [x] Rollout: shadow for a week, then a 5% canary\n',
    expected: { serving: 'present', 'latency-budget': 'present' },
    why: 'ticked boxes that hold answers are content',
  },
  {
    text: '# News feed ranking\n\nWe rank posts for a feed read by 300M daily active users at 50k QPS; the goal is to increase time spent without raising the hide rate. The task is framed as pointwise binary classification: the model predicts the probability that a user engages with a post. Inputs are user, post and author features; the output is a score.\n',
    expected: { clarify: 'present', framing: 'present' },
    why: 'content without any heading: checkpoints met in prose make the steps present',
  },
  {
    text: '# Listing search\n\n## Goals\n\nReturn relevant listings for a text query in under 150 ms; 20M searches a day.\n',
    expected: { data: 'missing', monitoring: 'missing' },
    why: 'steps neither headed nor discussed are missing',
  },
  {
    text: '# Feed\n\n## Serving\n\n```mermaid\nflowchart LR\n  Q[Query] --> R[Retrieval 500] --> K[Ranker] --> F[Feed]\n```\n',
    expected: { serving: 'present' },
    why: 'a diagram of the serving path is content',
  },
  {
    text: '# Feed\n\n**4. Model development**\n\nA logistic regression baseline, then a GBDT ranker trained on log loss, retrained nightly.\n',
    expected: { model: 'present' },
    why: 'a bold line used as a heading',
  },
  { text: '# Feed\n\n## Model\n\nWe use a model.\n', expected: { model: 'thin' }, why: 'one vague line' },
  { text: '# Feed\n\n## Metrics\n\n- Offline: AUC\n- Online: CTR\n', expected: { evaluation: 'present' }, why: 'one named offline and one named online metric are two specifics' },
  {
    text: '# Feed\n\n## Monitoring\n\n- What is monitored? Feature drift (PSI per feature, daily) and CTR.\n- Alerts? Page on-call when CTR drops 10% in an hour.\n',
    expected: { monitoring: 'present' },
    why: 'questions answered in the same line',
  },
  // Headings and layouts seen in real docs (DOMAIN.md, "Traps seen in real docs")
  { text: 'Fraud scoring\n=============\n\nData preparation\n----------------\n\nCard transactions stream through Kafka; chargebacks arrive as labels 30 to 90 days later, so recent rows are unlabelled.\n', expected: { data: 'present' }, why: 'setext headings' },
  { text: '# Fraud\n\n1. **Evaluation**\n\n   Offline: PR-AUC on a time-based split. Online: chargeback rate and the share of good orders blocked.\n', expected: { evaluation: 'present' }, why: 'a numbered list item in bold used as a heading' },
  { text: '# Fraud\n\n## Monitoring\n\nTBD\n\n## Operations\n\nWe monitor score drift with PSI every hour and page on-call when the block rate doubles; a stale feature store switches to the rules fallback.\n', expected: { monitoring: 'present' }, why: 'a TBD section of the step, and three of its checkpoints met under a heading of no step' },
  { text: '# Fraud\n\n## Data\n\n| Source | Freshness | Labels |\n|---|---|---|\n| Card transactions (Kafka) | seconds | chargebacks, 30-90 days late |\n| Device fingerprints (S3) | daily | none |\n', expected: { data: 'present' }, why: 'content only in a table' },
  { text: '# Fraud\n\n## 🚀 Deployment & Serving\n\nOnline scoring behind the payments API at p99 < 80 ms; shadow mode for two weeks, then a 5% canary.\n', expected: { serving: 'present' }, why: 'an emoji heading with "&"' },
  { text: '# Fraud\n\n## Model\n\n![model diagram](model.png)\n', expected: { model: 'thin' }, why: 'an image alone is not the writer\'s own content' },
  { text: '# Case 1: Feed\n\n## Evaluation\n\nOffline: NDCG@10; online: watch time in an A/B test.\n\n# Case 2: Ads\n\n## Evaluation\n\nTBD\n', expected: { evaluation: 'present' }, why: 'several case studies in one file: the answered one decides' },
  { text: '# Fraud\n\n## Requirements\n\nWhat is the business objective?\n\nThe business objective is to cut chargebacks by 20% while blocking under 0.5% of good orders; 1,200 payments per second at peak.\n', expected: { clarify: 'present' }, why: 'a question, then its answer in the next paragraph' },
  { text: '# Fraud\n\n## Clarifying questions\n\n- What does a false positive cost compared with a missed fraud?\n- How many transactions per second at peak, and in which markets?\n- Which signals may we use under the privacy policy?\n', expected: { clarify: 'present' }, why: 'under "Clarifying questions" the writer\'s questions are the content the step asks for' },
  // Languages
  { text: '# 欺诈检测\n\n## 模型\n\n- 逻辑回归\n- 梯度提升树\n- 随机森林\n- 双塔网络\n- 图神经网络\n', expected: { model: 'present' }, why: 'Chinese: five model families as a list' },
  { text: '# 欺诈检测\n\n## 需求\n\n- 业务目标是什么？\n- 每秒多少笔交易？\n- {{约束}}\n', expected: { clarify: 'thin' }, why: 'Chinese template: questions and a placeholder' },
  { text: '# Фрод\n\n## Требования\n\n- Какова бизнес-цель?\n- Сколько транзакций в секунду?\n- Опишите ограничения.\n', expected: { clarify: 'thin' }, why: 'Russian template: questions and guidance' },
  { text: RUSSIAN_DOC, expected: { ...ALL_PRESENT, 'latency-budget': 'present' }, readiness: { atLeast: 70 }, why: 'a Russian doc: every step found' },
  { text: CHINESE_DOC, expected: { ...ALL_PRESENT, 'latency-budget': 'present' }, readiness: { atLeast: 70 }, why: 'a Chinese doc: every step found' },
  {
    text: '# Feed\n\n## Deployment\n\nOnline prediction; responses within 200 ms, retrieval 50 ms of it.\n',
    expected: { serving: 'present', 'latency-budget': 'present' },
    why: 'terse but specific: the prediction mode and a latency budget with its split inside the section',
  },
  {
    text: '# Feed\n\n## 线上部署\n\n在线预测，响应时间不超过 200 毫秒，其中召回 50 毫秒。\n',
    expected: { serving: 'present', 'latency-budget': 'present' },
    why: 'the same line in Chinese: the latency budget in the section is a specific',
  },
];

/** Docs the judgment gets wrong today (run with it.fails; see caseTable.ts). */
export const KNOWN_GAPS: StepsCase[] = [
  {
    text: '# Feed\n\n## Model\n\n- Sources, ownership, and access.\n- Baseline and candidate models.\n- Loss and training cadence.\n',
    expected: { model: 'thin' },
    why: 'topic bullets of a guidance template name the checkpoints without answering them; read as statements, their checkpoint words count as specifics (present, score 3)',
  },
];

