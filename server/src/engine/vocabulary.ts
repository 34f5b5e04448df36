// The default seven-step rubric as data: which headings map a section to a step (matched by
// whole words on normalised text, see headingMatch.ts; a user's config extends these lists). What a
// step must contain is its checkpoints (judgment/checkpoints.ts); `prose` is for custom rubrics.
import type { StepDefinition, Rubric } from './types';

/** Heading phrases (each one of the step's `headings`) that are too ambiguous to stand alone when nested under another step (DOMAIN.md: "Inference" sometimes means validation). */
export const WEAK_HEADINGS: Record<string, string[]> = {
  serving: ['inference', 'scaling', 'performance', 'latency', 'throughput', 'implementation', 'infra', 'infrastructure', 'architecture'],
  clarify: ['requirements', 'constraints', 'context', 'overview', 'background', 'introduction', 'assumptions'],
  evaluation: ['metrics', 'validation'],
  model: ['training', 'techniques', 'methodology', 'approach'],
  data: ['features'],
};
// Ambiguous outside their step too: "Архитектура" (architecture) may sit under model, "Задача" is any task.
WEAK_HEADINGS.serving.push('архитектур*', 'инфраструктур*', '架构', 'アーキテクチャ', '아키텍처', 'arquitetura');
WEAK_HEADINGS.clarify.push('требовани*', 'ограничени*', 'контекст', 'введение', 'обзор', '背景', '目标', '目的', '배경', '목표', 'contexto', 'objetivo*');
WEAK_HEADINGS.model.push('обучени*', 'методологи*', '训练', '学習', '학습');

const steps: StepDefinition[] = [
  {
    id: 'clarify',
    // Outputs and scale figures turn up in every design section: without a requirements section, the
    // business objective must be stated too.
    withoutSection: { requires: ['business-objective'] },
    title: 'Clarify requirements',
    summary:
      'Clarifying questions before any architecture: the business objective, functional and non-functional requirements, constraints (compute budget, privacy, latency), scale (users, items, QPS) and data availability.',
    headings: [
      'clarify', 'clarifying questions', 'clarifying question', 'clarification', 'requirements', 'requirement', 'requirements and goals',
      'functional requirements', 'non functional requirements', 'nonfunctional requirements', 'problem statement', 'problem definition',
      'problem understanding', 'problem formulation', 'business task', 'business objective', 'business objectives', 'business goal', 'business goals',
      'business problem', 'success criteria', 'objectives and prerequisites', 'constraints', 'motivation', 'context', 'the core problem',
      'core problem', 'goals', 'goals and non goals', 'non goals', 'scope', 'use cases', 'assumptions', 'background', 'overview', 'introduction',
      'problem', 'objective', 'objectives', 'what is', 'calculation and estimation', 'calculate and estimation', 'estimation', 'capacity estimation',
      'back of the envelope', 'relevance', 'system overview', 'data availability', 'scale and constraints',
    ],
    prose: [],
  },
  {
    id: 'framing',
    title: 'Frame the problem as an ML task',
    summary:
      "The ML objective and how it maps to the business objective, the model's input and output, and the ML category (binary classification, learning to rank, regression, retrieval, detection…).",
    headings: [
      'ml objective', 'ml objectives', 'ml formulation', 'ml problem', 'ml problem formulation', 'frame the problem', 'framing', 'problem framing',
      'goal framing', 'ml framing', 'model input output', 'input output', 'input and output', 'inputs and outputs', 'ml task', 'ml tasks',
      'technical problem formulation', 'problem reframing', 'reframing', 'problem formulation', 'ml category', 'machine learning objective',
      'machine learning task', 'task formulation', 'formulation', 'learning to rank', 'ml approach', 'ml pipeline', 'ml task and pipeline',
    ],
    prose: [],
    withoutSection: { foreignWeight: 1 },
  },
  {
    id: 'data',
    title: 'Data preparation',
    summary:
      'Data sources and how user actions are logged; batch (historical logs in a data lake) versus streaming (real-time events through Kafka/Flink); labeling (natural labels, human labels, negative sampling); feature engineering (user, item, interaction, context and temporal features); class imbalance.',
    headings: [
      'data', 'data collection', 'data collection and preparation', 'data preparation', 'data prep', 'data pipeline', 'data pipelines',
      'data strategy', 'dataset', 'datasets', 'data sources', 'data source', 'labeling', 'labelling', 'labels', 'labeling strategy',
      'data labeling', 'data labelling', 'feature engineering', 'features', 'feature store', 'feature extraction', 'feature representation',
      'training data', 'training data strategy', 'negative sampling', 'data available', 'data avaliable', 'data processing', 'data ingestion',
      'data engineering', 'data and features', 'what features',
    ],
    prose: [],
  },
  {
    id: 'model',
    title: 'Model development',
    summary:
      'A simple baseline first; model choice with its trade-offs; for recommendation and search the two-stage funnel (cheap candidate generation, then a heavy ranker); loss; training cadence (batch retrain every N hours or continual training).',
    headings: [
      'model', 'models', 'model development', 'model selection', 'model architecture', 'model design', 'modeling', 'modelling',
      'modeling strategy', 'modelling strategy', 'training', 'model training', 'loss', 'loss function', 'losses', 'baseline', 'baselines',
      'baseline solution', 'two tower', 'two tower architecture', 'two tower model', 'ranker', 'ranking model', 'candidate generation',
      'retrieval model', 'techniques', 'algorithm', 'algorithms', 'approach', 'methodology', 'classifier', 'classifier to use',
      'ml architecture', 'deep learning', 'neural network', 'training pipeline', 'ml training pipeline', 'learning to rank', 'simple models',
      'dnn', 'ranking',
    ],
    prose: [],
  },
  {
    id: 'evaluation',
    title: 'Evaluation',
    summary:
      'Offline metrics (AUC-ROC, precision/recall, F1, log loss / normalized cross entropy, NDCG, mAP, MRR, recall@k) and online metrics (CTR, conversion, watch time, revenue, retention, hide/report rate) with A/B testing.',
    headings: [
      'evaluation', 'model evaluation', 'offline evaluation', 'online evaluation', 'metrics', 'metric', 'offline metrics', 'online metrics',
      'evaluation metrics', 'evaluation metric', 'metrics and losses', 'metrics design', 'success metrics', 'key metrics', 'kpis', 'kpi',
      'validation', 'validation schema', 'experimentation', 'experimentation and validation', 'a b tests', 'a b test', 'a b testing',
      'ab testing', 'online testing', 'metrics evaluation', 'measuring success', 'evaluation approach',
    ],
    prose: [],
  },
  {
    id: 'serving',
    title: 'Deployment and serving',
    summary:
      'Batch versus online prediction; the serving architecture; the latency budget and how it splits across stages; throughput and scaling; model compression or caching where the budget demands it; rollout (shadow, canary, A/B).',
    headings: [
      'serving', 'model serving', 'prediction service', 'deployment', 'deployment and serving', 'deploy', 'online testing and deployment',
      'serving architecture', 'high level design', 'high level architecture', 'system architecture', 'system design', 'architecture',
      'architectural components', 'productionization', 'productionisation', 'inference', 'inference service', 'scalability',
      'scalability layer', 'scaling', 'scale the design', 'serving infrastructure', 'infra', 'infrastructure', 'implementation',
      'performance', 'throughput', 'latency', 'rollout', 'launch', 'serving pipeline', 'prediction pipeline', 'online serving',
      'final system architecture', 'system components', 'components', 'online prediction', 'batch prediction',
      'batch or online prediction', 'batch vs online prediction', 'batch versus online prediction', 'rollout plan', 'latency budget',
    ],
    prose: [],
  },
  {
    id: 'monitoring',
    withoutSection: { checkpoints: 3 },
    title: 'Monitoring and maintenance',
    summary:
      'What to monitor (data and prediction drift, feature freshness, model decay, system health), alerts, retraining triggers, feedback loops, and what goes wrong: failure modes and how the system degrades.',
    headings: [
      'monitoring', 'monitoring and alarms', 'monitoring and alerts', 'monitoring and alerting', 'monitoring and maintenance',
      'monitoring and observability', 'observability', 'alerting', 'alerts', 'feedback loop', 'feedback loops', 'model retraining',
      'retraining', 'post deployment', 'failure scenarios', 'failure scenarios and recovery', 'failure modes', 'mlops', 'ml ops',
      'what goes wrong', 'maintenance', 'drift', 'model monitoring', 'continual learning', 'monitoring system', 'updates', 'monitor',
      'what to monitor', 'retraining triggers', 'alarms',
    ],
    prose: [],
  },
];

/**
 * Headings in Russian, Chinese, Japanese, Korean and Portuguese, as real docs title the steps
 * (DOMAIN.md "Languages"). Same semantics as `headings`: a trailing `*` is a prefix (Russian
 * inflection: "данн*" for "данные", "данных"); Chinese and Japanese phrases match inside a heading.
 */
export const HEADINGS_I18N: Record<string, string[]> = {
  clarify: [
    'цели и предпосылки', 'зачем идем в разработку', 'зачем идём в разработку', 'бизнес цел*', 'бизнес требовани*', 'требовани*', 'ограничени*',
    'описание задачи', 'границы задачи', 'основные пользователи', 'скоуп', 'предпосылки', 'бизнес контекст', 'контекст', 'введение', 'обзор',
    '需求', '业务目标', '业务背景', '背景', '目标', '约束', '场景', '问题描述', '要件', '目的', 'ゴール', 'スコープ', '課題', '背景と目的', '요구사항', '요구 사항', '목표',
    '배경', '문제 정의', 'requisitos', 'objetivo*', 'contexto', 'problema', 'escopo',
  ],
  framing: [
    'постановка задачи', 'постановка ml задачи', 'тип задачи', 'ml задач*', 'формализаци*', '问题定义', '建模', '任务定义', '问题建模', '任务',
    '問題設定', 'タスク', '定式化', 'ml 문제', '문제 정의', '프레이밍', 'formulação', 'enquadramento',
  ],
  data: [
    'данн*', 'подготовка данных', 'источники данных', 'признак*', 'разметк*', 'датасет*', 'фич*', '数据', '特征', '样本', '前处理', '预处理',
    'データ', '特徴量', '데이터', '피처', '특징', 'dados', 'características', 'coleta de dados',
  ],
  model: [
    'модел*', 'бейзлайн*', 'обучени*', 'моделировани*', 'прогнозных моделей', 'основная модель', 'методологи*', '模型', '召回', '排序', '精排',
    '粗排', '重排', '双塔', '训练', 'モデル', '学習', '모델', '학습', 'modelo*', 'treinamento',
  ],
  evaluation: [
    'метрик*', 'оценка качества', 'валидаци*', 'оценка пилота', 'способ оценки пилота', 'ключевые показатели', 'показатели качества', 'результаты обучения',
    'a b тест*', '评估', '指标', '评价', '実験', '評価', '指標', '평가', '지표', 'avaliação', 'métricas', 'métrica',
  ],
  serving: [
    'внедрение', 'архитектур*', 'инфраструктур*', 'инференс*', 'деплой*', 'масштабир*', 'требования к работе системы', 'быстродействи*',
    'производительност*', 'нагрузочное тестирование', '部署', '服务', '上线', '架构', '预测服务', '推理', '线上', 'デプロイ', 'サービング', '推論',
    'アーキテクチャ', 'システム構成', '배포', '서빙', '추론', '아키텍처', 'implantação', 'arquitetura', 'inferência', 'serviço', 'escalabilidade',
  ],
  monitoring: [
    'мониторинг*', 'поддержк*', 'сопровождени*', 'эксплуатаци*', '监控', '维护', '运维', 'モニタリング', '監視', '運用', '모니터링', '유지',
    '운영', 'monitoramento', 'manutenção',
  ],
};
for (const step of steps) step.headings.push(...(HEADINGS_I18N[step.id] ?? []));

export const DEFAULT_RUBRIC: Rubric = { name: 'ML system design (seven steps)', steps, mlChecks: true };

export const CHECK_TITLES: Record<string, string> = {
  'metric-gap': 'Offline/online metric gap',
  'latency-budget': 'Serving latency budget',
};

export function stepTitle(id: string, rubric: Rubric = DEFAULT_RUBRIC): string {
  return rubric.steps.find((s) => s.id === id)?.title ?? CHECK_TITLES[id] ?? id;
}
