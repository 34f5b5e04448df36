// Case table for the serving latency budget check (server/src/engine/checks/latencyBudget.ts,
// `detectLatencyBudget`). Each text is a small Markdown doc; `expected` is the check's status:
// 'present' (a number for the serving path), 'thin' (only a placeholder such as "X ms") or 'missing'.
// Run by latency.test.ts; see caseTable.ts.
import type { Case } from './caseTable';

export type LatencyStatus = 'present' | 'thin' | 'missing';

export const CASES: Case<LatencyStatus>[] = [
  // Budgets
  { text: '## Serving\n\nThe scorer answers at p99 < 100 ms.\n', expected: 'present', why: 'percentile and milliseconds' },
  { text: '## Serving\n\nWe respond within 200 ms, retrieval 50 ms of it.\n', expected: 'present', why: 'a budget and its split' },
  { text: '## Serving\n\nThe ranker runs at 50–80 ms.\n', expected: 'present', why: 'a range with an en dash' },
  { text: '## Serving\n\n| Stage | P99, ms |\n|---|---|\n| Retrieval | 20 |\n| Ranking | 45 |\n', expected: 'present', why: 'per-stage table: the header gives bare numbers their unit' },
  { text: '## Architecture\n\n| Stage | p99 latency budget, ms |\n|---|---|\n| Candidate fetch | 15 |\n', expected: 'present', why: 'the header says latency and ms, whatever the section' },
  { text: '## Serving\n\n| Stage | P99 latency |\n|---|---|\n| Retrieval | 20 ms |\n', expected: 'present', why: 'units in the cells' },
  { text: '## Serving\n\nP95 latency < 30 s for the document summarizer.\n', expected: 'present', why: 'seconds count when the line says latency' },
  { text: '## Требования\n\nЗадержка ответа ≤ 100 мс на p99.\n', expected: 'present', why: 'Russian: "мс" and "задержка"' },
  { text: '## 服务\n\n响应时间不超过200毫秒。\n', expected: 'present', why: 'Chinese: "毫秒" and "响应时间"' },
  { text: '## Requirements\n\nEach request must be scored in under 80ms.\n', expected: 'present', why: 'a requirement with "request" and "under"' },
  { text: '## Serving\n\nScoring happens inline; 30 ms at the 99th percentile.\n', expected: 'present', why: 'in the serving section any ms figure is serving latency' },
  { text: '## Serving\n\n```mermaid\nflowchart LR\n  A[Request] --> B["Ranker (< 50 ms)"]\n```\n', expected: 'present', why: 'a budget written on the diagram' },
  { text: '## Serving\n\nLatency - 200 ms?\n', expected: 'present', why: 'a budget proposed back to the interviewer' },
  // Placeholders: thin
  { text: '## Serving\n\n- Latency budget: N ms per message\n- Deployment: TBD\n', expected: 'thin', why: '"N ms" is a placeholder, not a budget' },
  { text: '## Serving\n\np99 < `y` ms\n', expected: 'thin', why: 'a code-quoted letter for the number' },
  { text: '## Serving\n\np99 < X ms\n', expected: 'thin', why: 'a capital letter for the number' },
  { text: '## Serving\n\nLatency: {{p99 target}} ms\n', expected: 'thin', why: 'a {{placeholder}} for the number' },
  { text: '## Serving\n\nThe container cold start takes 40 s; requests are answered in 60 ms at p95.\n', expected: 'present', why: 'the cold start is skipped, the p95 on the same line counts' },
  { text: '## 部署\n\n- 延迟：p99 小于 80 毫秒\n', expected: 'present', why: 'Chinese with a space before 毫秒' },
  // Not a budget
  { text: '## Serving\n\nThe container cold start takes 40 s.\n', expected: 'missing', why: 'a cold start is not the serving latency' },
  { text: '## Serving\n\n- Latency budget: TBD\n', expected: 'missing', why: 'no number and no placeholder unit' },
  { text: '## Requirements\n\nThe feed must have low latency and feel real-time.\n', expected: 'missing', why: 'no number' },
  { text: '## Serving\n\nNetwork RTT between regions is 120 ms.\n', expected: 'missing', why: 'a network round trip is not the serving path' },
  { text: '## Training\n\nTraining takes 36 h on 8 GPUs; an epoch is 40 s.\n', expected: 'missing', why: 'training time' },
  { text: '## Data\n\nThe nightly batch job finishes in 40 min.\n', expected: 'missing', why: 'a nightly batch SLA' },
  { text: '## Data\n\nThe nightly batch SLA is 4 hours.\n', expected: 'missing', why: 'a batch SLA in hours' },
  { text: '## Model\n\nWe tried batch sizes of 256 and 512.\n', expected: 'missing', why: 'numbers without a unit' },
  { text: '## Serving\n\n| Stage | Owner |\n|---|---|\n| Retrieval | 20 |\n', expected: 'missing', why: 'bare numbers under a header with no unit' },
  { text: '## Data\n\n| Table | Rows |\n|---|---|\n| clicks | 20 |\n', expected: 'missing', why: 'a data table, no latency or unit' },
  { text: '## Data\n\nClips are 15 s long on average.\n', expected: 'missing', why: 'a media duration' },
  { text: '## Serving\n\nThe cache entry TTL is 300 s.\n', expected: 'missing', why: 'a TTL is not a latency' },
  { text: '## Overview\n\n<!-- p99 < 100 ms -->\n', expected: 'missing', why: 'an HTML comment is not rendered' },
  { text: '## Serving\n\n```\ntimeout_ms = 250\n```\n', expected: 'missing', why: 'a code block is not a stated budget' },
];

/** Cases the check gets wrong today (run with it.fails; see caseTable.ts). */
export const KNOWN_GAPS: Case<LatencyStatus>[] = [
  {
    text: '## Serving\n\nWhat is the latency budget (e.g. 100 ms)?\n',
    expected: 'thin',
    why: 'a template question with an "e.g." example number is a prompt; the classifier takes any figure in a question as a working answer, so the example counts as a budget',
  },
];
