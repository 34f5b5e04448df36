// The reviewer's rubric as data (DOMAIN.md "The reviewer's rubric: checkpoints per step"): what a
// careful interviewer looks for inside each step. A checkpoint is met by a stating passage anywhere in
// the doc that holds one of its phrases (judgment/phrases.ts semantics); a few are met by a detector
// instead (metrics from the catalogue, the two checks, a diagram). Case table:
// test/unit/judgment/checkpoints.cases.ts.
import type { CheckpointDefinition } from '../types';

/** Met by a detector rather than phrases: see judge.ts. */
export const DETECTOR_CHECKPOINTS: Record<string, 'offline-metrics' | 'online-metrics' | 'metric-gap' | 'latency-budget' | 'diagram'> = {
  'offline-metrics': 'offline-metrics',
  'online-metrics': 'online-metrics',
  'metric-gap': 'metric-gap',
  'latency-budget': 'latency-budget',
};

/** Kinds of system whose docs need the two-stage funnel; a doc is of a kind when it names one of the phrases. */
export const SYSTEM_KINDS: Record<string, string[]> = {
  recommendation: ['recommend*', 'recommender*', 'recsys', 'feed', 'news feed', 'people you may know', 'similar listings', 'рекомендац*', 'лента', '推荐', 'レコメンド', '推薦', '추천', 'recomenda*'],
  search: ['search ranking', 'search engine', 'search results', 'query', 'queries', 'retrieval', 'поиск*', '搜索', '検索', '검색', 'busca'],
  ads: ['ads', 'ad click', 'advertis*', 'реклам*', '广告', '広告', '광고', 'anúncio*'],
};

export const DEFAULT_CHECKPOINTS: Record<string, CheckpointDefinition[]> = {
  clarify: [
    {
      id: 'business-objective',
      title: 'Business objective',
      why: 'Every later choice (metric, model size, latency) is judged against what the business wants to move.',
      phrases: ['goal:', 'goals:', 'objective:', 'objectives:', 'цель:', '目标：', '目标:', 'business objective*', 'business goal*', 'business metric*', 'business outcome*', 'business impact', 'business value', 'objective is', 'goal is', 'the goal', 'our goal', 'north star', 'increase engagement', 'increase revenue', 'increase user engagement', 'reduce fraud', 'reduce cost*', 'user satisfaction', 'бизнес цел*', 'бизнес задач*', 'цель проекта', 'цель продукта', '業務目標', '业务目标', '商业目标', '业务目的', 'ビジネス目標', 'ビジネスゴール', '비즈니스 목표', 'objetivo de negócio', 'objetivo do negócio', 'objetivo de negocio'],
    },
    {
      id: 'system-output',
      title: 'What the system returns and where it is used',
      why: 'The output and the surface that shows it fix the ML task and the latency the system has.',
      phrases: ['functional requirement*', 'use case*', 'user story', 'user stories', 'the system returns', 'system should', 'the system must', 'returns a ranked', 'ranked list', 'top k', 'top-k', 'home feed', 'home page', 'users see', 'user sees', 'shown to', 'displayed', 'surface*', 'функциональн* требован*', 'сценари* использован*', 'пользователь получает', '功能需求', '使用场景', '业务场景', '機能要件', '기능 요구', 'requisitos funcionais', 'caso* de uso'],
    },
    {
      id: 'scale',
      title: 'Scale in numbers (users, items, QPS)',
      why: 'Numbers decide whether a heavy model can run per request and how the serving path must scale.',
      patterns: [String.raw`\d[\d.,]*\s*(?:k|m|b|mn|bn|mm|million|billion|thousand|млн|млрд|тыс\.?|万|亿|억|만)?\+?\s*(?:daily |monthly |active |new )*(?:users|dau|mau|qps|rps|requests|queries|transactions|items|videos|posts|ads|images|listings|events|messages|emails|searches|sessions|documents|products|creators|members|пользовател|запрос|транзакц|объявлен|用户|请求|条|视频|ユーザー|件|사용자|명|usuários|requisições)`],
      phrases: ['qps', 'rps', 'queries per second', 'requests per second', 'daily active users', 'dau', 'mau', 'million users', 'billion', 'millions of', 'rps', 'запросов в секунду', 'пользователей в день', 'млн', 'млрд', '日活', '万', '亿', '用户量', '百万', '億', '만 명', 'milhões', 'bilhões'],
    },
    {
      id: 'constraints',
      title: 'Constraints (latency, compute or cost, privacy)',
      why: 'Constraints rule designs out early: a tight compute budget rules out a huge model without distillation or caching.',
      phrases: ['constraint*', 'non functional', 'nonfunctional', 'latency', 'latency requirement*', 'privacy', 'gdpr', 'pii', 'compute budget', 'cost budget', 'budget', 'limited compute', 'gpu budget', 'sla', 'ограничени*', 'нефункциональн*', 'конфиденциальн*', '约束', '限制', '隐私', '非功能', '制約', '制限', 'プライバシー', '제약', '개인정보', 'restriç*', 'privacidade'],
    },
    {
      id: 'data-available',
      title: 'Data available',
      why: 'What data exists today decides whether labels are natural, bought or must be annotated.',
      phrases: ['data available', 'available data', 'data availability', 'historical data', 'we have access', 'we have logs', 'existing data', 'interaction logs', 'user history', 'доступн* данн*', 'имеющи* данн*', 'исторически* данн*', '已有数据', '可用数据', '历史数据', '利用可能なデータ', '過去データ', '사용 가능한 데이터', 'dados disponíveis', 'dados históricos'],
    },
  ],
  framing: [
    {
      id: 'ml-objective',
      title: 'ML objective, tied to the business objective',
      why: 'The model optimises a proxy; the reviewer wants to see that the proxy moves the business objective.',
      phrases: ['frame it as', 'framed as', 'frame the problem as', 'formulate it as', 'formulated as', 'we treat', 'treated as', 'cast as', 'ml objective', 'machine learning objective', 'ml goal', 'objective function', 'optimi* for', 'predict the probability', 'predicts the probability', 'probability that', 'probability of', 'maximi*', 'minimi*', 'target variable', 'target is', 'predict whether', 'predict if', 'predicts whether', 'to predict', 'we predict', 'ml task', 'ml-задач*', 'целев* переменн*', 'целев* метрик*', 'предсказ*', 'прогнозир*', 'вероятност*', '目标函数', '预测', '预估', '概率', '学習目標', '予測', '확률', '예측', 'objetivo de ml', 'prever', 'probabilidade'],
    },
    {
      id: 'input-output',
      title: 'Model input and output',
      why: 'Input and output pin the task down: what is known at prediction time and what the product consumes.',
      phrases: ['input:', 'output:', 'inputs:', 'outputs:', 'model input*', 'model output*', 'input is', 'inputs are', 'output is', 'outputs a', 'takes as input', 'given a', 'returns a score', 'returns a probability', 'spam = 1', 'на вход*', 'на выход*', 'входн* данн*', 'выходн* данн*', '输入', '输出', '入力', '出力', '입력', '출력', 'entrada:', 'saída:'],
    },
    {
      id: 'ml-category',
      title: 'ML category (classification, ranking, regression…)',
      why: 'The category decides the label, the loss, the metrics and the serving shape.',
      phrases: ['binary classif*', 'multi class', 'multiclass', 'multi label', 'multilabel', 'classification', 'classifier', 'regression', 'ranking problem', 'ranking task', 'learning to rank', 'pointwise', 'pairwise', 'listwise', 'retrieval problem', 'retrieval task', 'detection', 'recommendation problem', 'recommendation task', 'clustering', 'forecasting', 'time series', 'segmentation', 'anomaly detection', 'sequence labeling', 'supervised', 'unsupervised', 'self supervised', 'классификац*', 'регресс*', 'ранжировани*', 'кластеризац*', 'прогнозировани* временн*', 'временн* ряд*', 'детекц*', 'рекомендательн* систем*', '分类', '回归', '排序问题', '排序任务', '检测', '聚类', '分類', '回帰', 'ランキング', '分類問題', '분류', '회귀', '랭킹', 'classificação', 'regressão', 'ranqueamento'],
    },
  ],
  data: [
    {
      id: 'data-sources',
      title: 'Data sources and how user actions are logged',
      why: 'Where the data comes from and how actions are logged decides label quality and what can be fixed later.',
      phrases: ['data source*', 'logged', 'logging', 'event log*', 'interaction log*', 'impression log*', 'click log*', 'clickstream', 'user actions', 'user interactions', 'database', 'data warehouse', 'data lake', 'hive', 'bigquery', 's3', 'hdfs', 'snowflake', 'postgres*', 'источник* данн*', 'логи', 'логирован*', 'хранилищ*', 'выгрузк*', 'база данных', '数据来源', '数据源', '日志', '埋点', 'データソース', 'ログ', '로그', '데이터 소스', 'fonte* de dados', 'logs'],
    },
    {
      id: 'batch-streaming',
      title: 'Batch vs streaming data',
      why: 'Fresh signals need a streaming path; historical training needs batch; the two must agree (skew).',
      phrases: ['batch', 'stream*', 'kafka', 'flink', 'spark streaming', 'kinesis', 'pub sub', 'pubsub', 'real time events', 'near real time', 'micro batch', 'nightly job', 'daily job', 'etl', 'airflow', 'потоков*', 'пакетн*', 'батч*', 'стрим*', 'кафк*', 'в реальном времени', '实时', '批处理', '流式', '离线数据', 'ストリーミング', 'バッチ', 'リアルタイム', '스트리밍', '배치', '실시간', 'tempo real'],
    },
    {
      id: 'labels',
      title: 'Labels (natural or human, negative sampling, delay)',
      why: 'The label defines what the model learns; its noise and delay bound how good the model can be.',
      phrases: ['label*', 'labelling', 'annotat*', 'negative sampl*', 'negatives', 'positives', 'positive examples', 'negative examples', 'ground truth', 'implicit feedback', 'explicit feedback', 'разметк*', 'размечен*', 'метк*', 'таргет*', 'негативн* пример*', '标签', '标注', '正负样本', '负样本', '正样本', 'ラベル', 'アノテーション', '正例', '負例', '라벨', '레이블', '정답', 'rótulo*', 'anotaç*'],
    },
    {
      id: 'features',
      title: 'Features (user, item, interaction, context)',
      why: 'Features carry the signal; the reviewer checks user, item, interaction and context features are all considered.',
      phrases: ['feature*', 'embedding*', 'признак*', 'фич*', 'эмбеддинг*', '特征', '特徴量', '特徴', '피처', '특징', '특성', 'características', 'atributos'],
    },
    {
      id: 'class-imbalance',
      title: 'Class imbalance',
      why: 'Rare positives (fraud, clicks, harm) bias training and metrics unless sampled or weighted.',
      phrases: ['imbalance*', 'imbalanced', 'class weight*', 'downsampl*', 'down sampl*', 'upsampl*', 'oversampl*', 'undersampl*', 'smote', 'rare positive*', 'rare class*', 'skewed class*', 'дисбаланс*', 'несбалансирован*', 'балансировк*', '不平衡', '样本均衡', '降采样', '负采样', '不均衡', '불균형', 'desbalance*', 'desbalanceamento'],
    },
  ],
  model: [
    {
      id: 'baseline',
      title: 'A simple baseline',
      why: 'A baseline tells whether the complex model earns its cost.',
      phrases: ['baseline*', 'heuristic*', 'rule based', 'popularity based', 'most popular', 'simple model', 'бейзлайн*', 'базов* модел*', 'базов* решени*', '基线', '基准模型', 'ベースライン', '베이스라인', 'linha de base', 'modelo base'],
    },
    {
      id: 'model-choice',
      title: 'The model choice, with its trade-offs',
      why: 'Naming the family and why (data size, latency, interpretability) shows judgement, not a buzzword.',
      phrases: ['logistic regression', 'linear model', 'gbdt', 'gradient boost*', 'gradient boosted', 'xgboost', 'lightgbm', 'catboost', 'random forest', 'decision tree*', 'neural network*', 'dnn', 'mlp', 'deep learning', 'transformer*', 'bert', 'gpt', 'llm*', 'cnn', 'resnet', 'efficientnet', 'vit', 'clip', 'rnn', 'lstm', 'gru', 'gnn', 'graph neural', 'graphsage', 'two tower', 'matrix factori*', 'collaborative filtering', 'factorization machine*', 'wide and deep', 'deepfm', 'dcn', 'din', 'mmoe', 'knn', 'faiss', 'hnsw', 'yolo', 'faster r cnn', 'svm', 'naive bayes', 'arima', 'prophet', 'isolation forest', 'autoencoder*', 'seq2seq', 'градиентн* бустинг*', 'бустинг*', 'нейросет*', 'нейронн* сет*', 'логистическ* регресс*', 'случайн* лес*', 'трансформер*', '梯度提升', '神经网络', '双塔', '深度学习', '逻辑回归', '决策树', 'ニューラル', '勾配ブースティング', 'ロジスティック回帰', '신경망', '트랜스포머', '로지스틱', 'rede* neura*', 'regressão logística', 'árvore* de decisão'],
    },
    {
      id: 'two-stage',
      title: 'Two-stage funnel (candidate generation, then a ranker)',
      why: 'Scoring millions of items with a heavy model per request is impossible; a cheap retrieval stage makes it fit.',
      phrases: ['candidate generation', 'candidate retrieval', 'candidate generator', 'retrieval stage', 'two stage', 'multi stage', 'first stage', 'second stage', 're rank*', 'reranker', 'ranker', 'ranking stage', 'funnel', 'candidates', 'отбор кандидатов', 'генераци* кандидатов', 'кандидат*', 'ранжировщик*', '召回', '粗排', '精排', '重排', '候補生成', '候補', '후보', '랭커', 'geração de candidatos'],
      appliesTo: ['recommendation', 'search', 'ads'],
    },
    {
      id: 'loss',
      title: 'Loss function',
      why: 'The loss is what the model really optimises; it must match the label and the ranking or calibration needs.',
      phrases: ['loss', 'losses', 'cross entropy', 'log loss', 'logloss', 'bce', 'hinge', 'triplet', 'contrastive', 'softmax', 'focal loss', 'mse', 'функци* потерь', 'лосс*', 'функци* ошибк*', '损失', '損失', '손실', 'função de perda'],
    },
    {
      id: 'training-cadence',
      title: 'Training cadence (retrain every N hours, or continual)',
      why: 'Fresh items and drifting behaviour decay a model; the cadence says how the design keeps up.',
      phrases: ['retrain*', 're train*', 'retrained', 'continual*', 'online learning', 'incremental*', 'fine tun*', 'warm start', 'daily', 'weekly', 'hourly', 'nightly', 'every day', 'every week', 'every hour', 'training cadence', 'training frequency', 'переобуч*', 'дообуч*', 'ежедневн*', 'еженедельн*', '增量', '每天', '每日', '每周', '定期训练', '再学習', '毎日', '재학습', '매일', 'retreina*', 'diariamente'],
    },
  ],
  evaluation: [
    { id: 'offline-metrics', title: 'Offline metrics', why: 'Offline metrics let you compare models before any user sees them.', phrases: [] },
    { id: 'online-metrics', title: 'Online metrics', why: 'Online metrics measure the business outcome the model is meant to move.', phrases: [] },
    {
      id: 'ab-test',
      title: 'A/B test design',
      why: 'Only a controlled experiment shows the model moves the online metric, not seasonality or novelty.',
      phrases: ['a b test*', 'ab test*', 'a b experiment*', 'online experiment*', 'controlled experiment*', 'split test*', 'control group', 'treatment group', 'holdout', 'interleav*', 'а б тест*', 'аб тест*', 'сплит тест*', 'контрольн* групп*', 'ab实验', 'ab测试', 'a b测试', '在线实验', '对照组', 'a bテスト', 'a b 테스트', 'teste a b', 'testes a b'],
    },
    { id: 'metric-gap', title: 'Why offline and online metrics can disagree', why: 'Logged data, proxy labels and feedback loops make offline wins fail online; a strong doc says how it copes.', phrases: [] },
  ],
  serving: [
    {
      id: 'prediction-mode',
      title: 'Batch vs online prediction',
      why: 'Precomputing or predicting per request changes freshness, cost and the latency you must meet.',
      phrases: ['online prediction', 'batch prediction', 'online inference', 'batch inference', 'real time inference', 'real time prediction', 'real time scoring', 'realtime', 'real time', 'precompute*', 'pre compute*', 'offline scoring', 'batch scoring', 'on request', 'on demand', 'per request', 'онлайн инференс*', 'батч инференс*', 'в реальном времени', 'онлайн предсказ*', '在线预测', '离线预测', '实时预测', '在线推理', '实时', 'リアルタイム推論', 'バッチ推論', '실시간', '배치 추론', 'tempo real'],
    },
    {
      id: 'serving-path',
      title: 'The serving path (components, diagram)',
      why: 'A reviewer follows a request through the components to find the slow or fragile step.',
      phrases: ['api', 'rest api', 'endpoint*', 'prediction service', 'inference service', 'model service', 'ranking service', 'serving service', 'microservice*', 'load balancer', 'model server', 'triton', 'torchserve', 'tf serving', 'tensorflow serving', 'kubernetes', 'k8s', 'feature store', 'redis', 'grpc', 'fastapi', 'flask', 'docker', 'api gateway', 'сервис*', 'микросервис*', 'архитектур*', '服务', '接口', '架构', 'サービス', 'アーキテクチャ', '서비스', '아키텍처', 'serviço*', 'arquitetura'],
    },
    { id: 'latency-budget', title: 'Latency budget and its split across stages', why: 'A number for the serving path decides model size, caching and how many candidates the ranker sees.', phrases: [] },
    {
      id: 'scaling',
      title: 'Throughput and scaling',
      why: 'Peak load, not average, decides replicas, sharding and cost.',
      phrases: ['scalab*', 'scaling', 'scale out', 'scale up', 'scale horizontally', 'throughput', 'qps', 'rps', 'replica*', 'shard*', 'horizontal*', 'autoscal*', 'load test*', 'peak load', 'gpu*', 'масштаб*', 'нагрузк*', 'пропускн*', 'реплик*', '扩展', '扩容', '吞吐', '水平扩展', 'スケール', 'スループット', '확장', '처리량', 'escal*'],
    },
    {
      id: 'rollout',
      title: 'Rollout (shadow, canary, A/B)',
      why: 'A staged rollout catches a bad model before it reaches everyone, and makes rollback cheap.',
      phrases: ['shadow', 'canary', 'gradual*', 'rollout', 'roll out', 'ramp up', 'ramp*', 'blue green', 'feature flag*', 'rollback', 'roll back', 'staged', 'a b test*', 'канареечн*', 'постепенн*', 'раскатк*', 'откат*', 'теневой', '灰度', '金丝雀', '回滚', '影子', 'カナリア', 'シャドー', '카나리', '점진', 'implantação gradual'],
    },
  ],
  monitoring: [
    {
      id: 'what-monitored',
      title: 'What is monitored (drift, freshness, decay, health)',
      why: 'Models fail silently; only what is measured is noticed.',
      phrases: ['monitor*', 'drift', 'freshness', 'model decay', 'dashboard*', 'observability', 'data quality checks', 'мониторинг*', 'дрейф*', 'деградац* модел*', '监控', '漂移', 'モニタリング', '監視', 'ドリフト', '모니터링', '드리프트', 'monitoramento', 'monitorar'],
    },
    {
      id: 'alerts',
      title: 'Alerts',
      why: 'Monitoring nobody is paged for is a dashboard nobody reads.',
      phrases: ['alert*', 'alarm*', 'pager*', 'on call', 'paging', 'алерт*', 'оповещени*', 'уведомлени*', '告警', '报警', 'アラート', '알림', '경보', 'alerta*'],
    },
    {
      id: 'retraining-triggers',
      title: 'Retraining triggers',
      why: 'Retraining on a schedule or on drift keeps the model from decaying between launches.',
      phrases: ['retrain*', 're train*', 'retraining trigger*', 'trigger* retrain*', 'model refresh', 'переобуч*', 'дообуч*', '重新训练', '重训', '再学習', '재학습', 'retreina*'],
    },
    {
      id: 'feedback-loops',
      title: 'Feedback loops',
      why: "A model trained on its own exposures reinforces itself; exploration or debiasing breaks the loop.",
      phrases: ['feedback loop*', 'feedback', 'self reinforc*', 'exploration', 'explore exploit', 'popularity bias', 'position bias', 'обратн* связ*', 'петл* обратн*', '反馈', 'フィードバック', '피드백', 'retroalimentação', 'feedback loop'],
    },
    {
      id: 'failure-modes',
      title: 'What goes wrong (failure modes, fallbacks)',
      why: 'A design is judged by how it degrades: stale features, a down model server, a bad deploy.',
      phrases: ['fallback*', 'fall back', 'failure*', 'degrad*', 'outage', 'what goes wrong', 'circuit breaker', 'timeout*', 'graceful*', 'incident*', 'risk*', 'отказ*', 'деградац*', 'риск*', 'сбо*', '降级', '故障', '兜底', '风险', 'フォールバック', '障害', '장애', '폴백', 'falha*', 'risco*'],
    },
  ],
};
