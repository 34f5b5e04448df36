// Case table for the heading matcher (server/src/engine/headingMatch.ts with the default template's
// vocabulary, server/src/engine/vocabulary.ts): the steps a heading's title maps to, in template order
// (empty: no step). Run by headings.test.ts; see caseTable.ts.
import type { Case } from './caseTable';

export const CASES: Case<string[]>[] = [
  // Numbering, emoji, Roman numerals
  { text: '1. Clarifying Questions', expected: ['clarify'], why: 'leading number stripped' },
  { text: 'Step 2: Frame the problem as an ML task', expected: ['framing'], why: '"Step N:" stripped' },
  { text: 'III. Data preparation', expected: ['data'], why: 'Roman numeral stripped' },
  { text: '🚀 Deployment & Serving', expected: ['serving'], why: 'emoji stripped, "&" read as "and"' },
  { text: '5. model', expected: ['model'], why: 'lower-case one-word heading' },
  // Titles seen in real docs (DOMAIN.md)
  { text: 'Model Development & Offline Evaluation', expected: ['model', 'evaluation'], why: 'one heading, two steps' },
  { text: 'Training data', expected: ['data'], why: 'longest phrase first: "training data" is data, not model' },
  { text: 'Training', expected: ['model'], why: '"training" alone is model' },
  { text: 'Offline metrics / Online metrics', expected: ['evaluation'], why: 'evaluation' },
  { text: 'Metrics: offline and online', expected: ['evaluation'], why: 'the look-alike heading still names the evaluation step' },
  { text: 'Problem statement', expected: ['clarify'], why: 'clarify' },
  { text: 'Requirements & Goals', expected: ['clarify'], why: 'clarify' },
  { text: 'Non-functional Requirements (NFRs)', expected: ['clarify'], why: 'hyphenated' },
  { text: 'ML formulation', expected: ['framing'], why: 'framing' },
  { text: 'Learning to rank', expected: ['framing', 'model'], why: 'DOMAIN lists it under framing; the model vocabulary has it too' },
  { text: 'Feature store', expected: ['data'], why: 'data' },
  { text: 'Loss function', expected: ['model'], why: 'model' },
  { text: 'Two-tower architecture', expected: ['model'], why: 'model, not serving, despite "architecture"' },
  { text: 'Ranker', expected: ['model'], why: 'model' },
  { text: 'Baseline solution', expected: ['model'], why: 'model' },
  { text: 'A/B tests', expected: ['evaluation'], why: 'evaluation' },
  { text: 'Validation schema', expected: ['evaluation'], why: 'evaluation' },
  { text: 'Serving architecture', expected: ['serving'], why: 'serving' },
  { text: 'High-level design', expected: ['serving'], why: 'serving' },
  { text: 'Productionization', expected: ['serving'], why: 'serving' },
  { text: 'Monitoring & alarms', expected: ['monitoring'], why: 'monitoring' },
  { text: 'What goes wrong', expected: ['monitoring'], why: 'monitoring' },
  { text: 'Failure scenarios and recovery plan', expected: ['monitoring'], why: 'monitoring' },
  { text: 'Feedback loops', expected: ['monitoring'], why: 'monitoring' },
  // No step
  { text: 'Appendix', expected: [], why: 'no step' },
  { text: 'References', expected: [], why: 'no step' },
  { text: 'Open questions', expected: [], why: 'questions to the reader are no step' },
  { text: 'Timeline', expected: [], why: 'no step' },
  // Russian
  { text: 'Бизнес-требования', expected: ['clarify'], why: 'Russian: requirements' },
  { text: 'Постановка задачи', expected: ['framing'], why: 'Russian: problem formulation' },
  { text: 'Сбор и подготовка данных', expected: ['data'], why: 'Russian: data collection and preparation' },
  { text: 'Разметка', expected: ['data'], why: 'Russian: labeling' },
  { text: 'Обучение модели', expected: ['model'], why: 'Russian: model training' },
  { text: 'Бейзлайн', expected: ['model'], why: 'Russian: baseline' },
  { text: 'Оценка качества', expected: ['evaluation'], why: 'Russian: quality evaluation' },
  { text: 'Офлайн-метрики', expected: ['evaluation'], why: 'Russian: offline metrics' },
  { text: 'Деплой', expected: ['serving'], why: 'Russian: deploy' },
  { text: 'Масштабирование', expected: ['serving'], why: 'Russian: scaling' },
  { text: 'Мониторинг и алерты', expected: ['monitoring'], why: 'Russian: monitoring and alerts' },
  // Chinese, Japanese, Korean, Portuguese
  { text: '需求分析', expected: ['clarify'], why: 'Chinese: requirements analysis' },
  { text: '机器学习问题定义', expected: ['framing'], why: 'Chinese: ML problem definition' },
  { text: '特征工程', expected: ['data'], why: 'Chinese: feature engineering' },
  { text: '基线模型', expected: ['model'], why: 'Chinese: baseline model' },
  { text: '召回与排序', expected: ['model'], why: 'Chinese: retrieval and ranking (the funnel)' },
  { text: '离线评估', expected: ['evaluation'], why: 'Chinese: offline evaluation' },
  { text: '推理服务', expected: ['serving'], why: 'Chinese: inference service' },
  { text: '监控与报警', expected: ['monitoring'], why: 'Chinese: monitoring and alerts' },
  { text: '評価指標', expected: ['evaluation'], why: 'Japanese: evaluation metrics' },
  { text: '데이터 수집', expected: ['data'], why: 'Korean: data collection' },
  { text: 'Monitoramento', expected: ['monitoring'], why: 'Portuguese: monitoring' },
];

/** Headings the vocabulary misses today (run with it.fails; see caseTable.ts). */
export const KNOWN_GAPS: Case<string[]>[] = [
  { text: 'Развертывание', expected: ['serving'], why: 'Russian "Deployment" (also "Развёртывание"): no step' },
  { text: 'Сервинг', expected: ['serving'], why: 'Russian transliteration of "serving": no step' },
  { text: 'Функция потерь', expected: ['model'], why: 'Russian "Loss function": no step' },
  { text: 'Цели и задачи', expected: ['clarify'], why: 'Russian "Goals and objectives" ("Goals" maps to clarify in English): no step' },
  { text: 'Что может пойти не так', expected: ['monitoring'], why: 'Russian "What goes wrong": no step' },
  { text: 'ML-постановка', expected: ['framing'], why: 'Russian "ML formulation": no step ("Постановка ML-задачи" works)' },
  { text: '损失函数', expected: ['model'], why: 'Chinese "Loss function": no step' },
  { text: '标注', expected: ['data'], why: 'Chinese "Labeling": no step' },
  { text: 'A/B测试', expected: ['evaluation'], why: 'Chinese "A/B test": no step ("A/B-тест" and "A/B tests" work)' },
  { text: '反馈循环', expected: ['monitoring'], why: 'Chinese "Feedback loops": no step' },
];
