// Case table for classifyText (server/src/engine/judgment/prompts.ts): what one passage of a design doc
// does. Only 'statement' counts as content; every other role is a prompt (DOMAIN.md, "Prompts are not
// answers"). Run by prompts.test.ts; see caseTable.ts for how to read and extend it.
import type { PassageRole } from '../../../server/src/engine/judgment/prompts';
import type { Case } from './caseTable';

export const CASES: Case<PassageRole>[] = [
  // Questions, and questions with their answer
  { text: 'What data will you use?', expected: 'question', why: 'a bare question is a prompt' },
  { text: 'Which users does the feed serve? How often do they open it?', expected: 'question', why: 'every sentence ends with "?"' },
  { text: 'Why the ranking matters, and why now.', expected: 'question', why: 'opens with a question word, no answer marker, no figure' },
  { text: 'Latency? 50 ms at p99.', expected: 'statement', why: 'a question followed by its answer is content' },
  { text: 'What is the business goal? Cut chargebacks by a fifth within a quarter.', expected: 'statement', why: 'the answer follows the question in the same passage' },
  { text: 'Why? Because the old scorer ignored how recent a click was.', expected: 'statement', why: 'a one-word question answered at once' },
  { text: 'How many requests at peak (we assume 20k QPS)?', expected: 'statement', why: 'a clarifying question carrying its working assumption' },
  { text: 'Latency - 200 ms?', expected: 'statement', why: 'a number asked back to the interviewer is a proposed answer' },
  { text: 'How: a two-tower retriever followed by a gradient-boosted ranker.', expected: 'statement', why: 'question word used as a label, then the answer after the colon' },
  { text: 'Каких пользователей мы обслуживаем?', expected: 'question', why: 'Russian question' },
  { text: 'Сколько запросов в секунду в пике? Около 3 тысяч.', expected: 'statement', why: 'Russian question answered with a figure' },
  { text: '如何评估模型？', expected: 'question', why: 'Chinese question with a full-width question mark' },
  // Guidance addressed to the writer
  { text: 'Describe the problem in 3-5 sentences', expected: 'guidance', why: 'imperative addressed to the writer, even with a figure' },
  { text: 'Explain how the model will be retrained.', expected: 'guidance', why: 'imperative opener' },
  { text: 'Include a diagram of the serving path.', expected: 'guidance', why: 'imperative opener' },
  { text: 'You should list the offline metrics here.', expected: 'guidance', why: 'second person addressing the writer' },
  { text: 'A short summary of what the service returns to the caller.', expected: 'guidance', why: 'describes what the section should hold' },
  { text: 'Risks should be listed together with their owners.', expected: 'guidance', why: 'a template explaining its own section ("should be listed")' },
  { text: 'Some choices are hard to undo. Be clear about which ones are final.', expected: 'guidance', why: 'a later sentence of guidance, no figure, makes the passage guidance' },
  { text: 'Опишите источники данных и как собираются логи.', expected: 'guidance', why: 'Russian imperative' },
  { text: '请描述数据来源。', expected: 'guidance', why: 'Chinese request to the writer' },
  { text: 'Требования бизнеса `Product Owner`', expected: 'guidance', why: 'a process template line naming the role that fills it' },
  { text: 'Training schedule (ML Engineer)', expected: 'guidance', why: 'role tag in parentheses' },
  // Numbered stand-ins
  { text: 'Goal 1', expected: 'stand-in', why: 'numbered stand-in' },
  { text: 'Requirement 2.', expected: 'stand-in', why: 'numbered stand-in with a full stop' },
  { text: 'Metric A', expected: 'stand-in', why: 'lettered stand-in' },
  { text: '- Risk 3:', expected: 'stand-in', why: 'stand-in as a list item with a colon' },
  { text: 'Цель 1', expected: 'stand-in', why: 'Russian numbered stand-in' },
  { text: '指标 2', expected: 'stand-in', why: 'Chinese numbered stand-in' },
  // Placeholders
  { text: '{{business objective}}', expected: 'placeholder', why: 'a {{placeholder}} alone' },
  { text: 'We serve {{daily users}} users a day.', expected: 'placeholder', why: 'a line holding a {{placeholder}} never counts' },
  { text: '**Problem:** [The business problem this solves]', expected: 'placeholder', why: 'a label over a bracketed blank' },
  { text: 'Launch date: <date>', expected: 'placeholder', why: 'a label over an angle-bracket blank' },
  { text: 'TBD', expected: 'placeholder', why: 'TBD alone' },
  { text: 'Deployment: TBD', expected: 'placeholder', why: 'a label whose value is TBD' },
  { text: 'Latency budget: N ms per message', expected: 'placeholder', why: '"N ms" is a blank, not a number' },
  { text: 'Model: TBD (probably logistic regression?)', expected: 'placeholder', why: 'an unfinished line with a guess is still unfinished' },
  { text: 'Scoring model: owned by the risk team and described in their RFC.', expected: 'placeholder', why: 'a deferral to another document is not an answer' },
  { text: 'Out of scope for this doc.', expected: 'placeholder', why: 'declaring the step out of scope points away from the doc: not an answer' },
  // Checklists: criteria vs ticked answers
  { text: '[x] Описан бизнес-контекст', expected: 'checklist', why: 'a ticked review criterion is a prompt, not an answer' },
  { text: '[x] Есть диаграмма архитектуры', expected: 'checklist', why: 'Russian criterion opening with "Есть" (list markers are stripped by the parser before classifying)' },
  { text: '[ ] Offline metrics are defined', expected: 'checklist', why: 'an unticked criterion ("are defined")' },
  { text: '[x] The doc has been reviewed by the ML lead', expected: 'checklist', why: 'criterion opening with "the doc"' },
  { text: '[x] Described: how labels are collected', expected: 'checklist', why: 'criterion opening with "Described"' },
  { text: '[x] Согласованы алерты', expected: 'checklist', why: 'Russian criterion ("согласован*")' },
  { text: '[x] 已描述业务背景', expected: 'checklist', why: 'Chinese criterion ("已描述")' },
  { text: '[x] Business context is described', expected: 'checklist', why: 'criterion in the passive ("is described")' },
  { text: '[x] Latency: < 200ms p95', expected: 'statement', why: 'a ticked box holding an answer is read as the answer' },
  { text: '[x] Baseline: logistic regression on 40 hand-built features', expected: 'statement', why: 'ticked answer with specifics' },
  // Statements, terse but specific
  { text: 'Model type: binary classifier (spam = 1)', expected: 'statement', why: 'terse but specific is content' },
  { text: 'Data sources: clickstream from Kafka, orders table in the warehouse.', expected: 'statement', why: 'label with a concrete answer' },
  { text: 'We retrain the ranker every 6 hours on the last 30 days of clicks.', expected: 'statement', why: 'plain statement with figures' },
  { text: 'Мы используем градиентный бустинг над деревьями решений.', expected: 'statement', why: 'Russian statement' },
  { text: '我们的目标是提高点击率。', expected: 'statement', why: 'Chinese statement' },
  { text: 'Offline: AUC, log loss. Online: CTR, conversion rate, revenue per session.', expected: 'statement', why: 'named metrics are content' },
  { text: 'Which model? A gradient-boosted tree ensemble, then a small two-tower net.', expected: 'statement', why: 'question answered in the next sentence' },
  { text: 'Do we need real-time features? Yes: session clicks from the last 5 minutes.', expected: 'statement', why: 'yes/no question answered' },
  { text: '是否需要实时特征？需要，最近五分钟的点击。', expected: 'statement', why: 'Chinese question answered in the next sentence' },
  { text: 'Requirement 1: p99 < 100 ms', expected: 'statement', why: 'a numbered requirement with its value' },
  { text: 'Цель 1 — снизить отток на 3%', expected: 'statement', why: 'Russian numbered goal with its value' },
  { text: 'Objective: TBD', expected: 'placeholder', why: 'a label over TBD' },
  { text: 'N/A', expected: 'placeholder', why: 'N/A says nothing' },
  { text: 'Goal 1: reduce chargebacks by 20%.', expected: 'statement', why: 'a numbered label followed by a real value is no stand-in' },
  { text: 'Summary: we rank 500 candidates with a GBDT.', expected: 'statement', why: '"Summary:" as a label, not "a summary of…" guidance' },
  { text: 'What we monitor: feature null rates, score drift, and p99 latency.', expected: 'statement', why: 'question word as a label, answered after the colon' },
  { text: 'Is there enough labelled data?', expected: 'question', why: '"is there" question' },
  { text: 'Brief description of the dataset', expected: 'guidance', why: 'describes what the section should hold' },
  { text: 'Think about what happens when the feature store is down.', expected: 'guidance', why: 'imperative opener "think about"' },
  { text: 'TODO: add the loss', expected: 'placeholder', why: 'TODO marks an unfinished line' },
  { text: 'Budget: ?? ms', expected: 'placeholder', why: '"?? ms" is a blank' },
  { text: 'See the ranking RFC for the model.', expected: 'placeholder', why: 'a pointer to another document' },
  { text: '[Classification / Regression / etc]', expected: 'placeholder', why: 'a bracketed menu of options' },
  { text: 'Filling in this section is optional for design docs that only compute a report.', expected: 'guidance', why: 'writing about the document itself (this section, design docs) is guidance, not an answer' },
  { text: 'Заполнение раздела 4 требуется не для всех дизайн-документов.', expected: 'guidance', why: 'Russian: the same, about filling in section 4 of the template' },
  { text: 'Заполнение раздела необязательно для небольших проектов.', expected: 'guidance', why: 'Russian: about filling in a section, with no other cue (an inflected word after "заполнени")' },
];

/** Cases the classifier gets wrong today (run with it.fails; see caseTable.ts). */
export const KNOWN_GAPS: Case<PassageRole>[] = [
  {
    text: '- Sources, ownership, and access.',
    expected: 'guidance',
    why: 'DOMAIN.md names this topic-only bullet as guidance; the classifier reads it as a statement',
  },
  {
    text: 'Define success as a 2% lift in seven-day retention.',
    expected: 'statement',
    why: 'the writer states the success criterion with a figure; the "define" opener makes it guidance',
  },
  {
    text: 'Provide recommendations on the home page within 150 ms.',
    expected: 'statement',
    why: 'a functional requirement written as an imperative, with a figure; read as guidance',
  },
  {
    text: '<Product name> recommends <items> to <users>.',
    expected: 'placeholder',
    why: 'a template sentence made of blanks without a label; read as a statement',
  },
  {
    text: 'If you use a GBDT, explain why.',
    expected: 'guidance',
    why: 'addressed to the writer ("if you use", "explain" mid-sentence); read as a statement',
  },
  {
    text: '[ ] Обоснован выбор модели',
    expected: 'checklist',
    why: 'Russian criterion "model choice is justified": "обоснован*" is not among the criterion openers',
  },
  {
    text: '[x] Baseline chosen',
    expected: 'checklist',
    why: 'a box ticked over a criterion in participle form; only "is/are chosen"-style passives and listed openers count',
  },
  {
    text: '[x] Offline metrics',
    expected: 'checklist',
    why: 'a box ticked over a bare topic answers nothing',
  },
  {
    text: '[ ] Latency budget agreed with the API team',
    expected: 'checklist',
    why: 'an unticked box is a to-do, not an answer',
  },
  {
    text: 'Same as the fraud doc.',
    expected: 'placeholder',
    why: 'a pointer to another doc ("same as …") is not an answer; the deferral pattern has no "same as" form',
  },
];
