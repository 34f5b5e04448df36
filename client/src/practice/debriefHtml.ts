// The debrief page's HTML, as a pure function (no `vscode` import) so the browser tests load exactly
// what the extension shows. Everything is rendered here, escaped: the page's only script
// (client/webview/debrief.ts, by nonce) wires the buttons to the extension, so nothing taken from
// the doc (headings in reasons, a latency figure as evidence) can ever run or fetch.
import type { DebriefModel, DebriefStep } from '../../../server/src/cli/format-report';

export interface DebriefHtmlOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** A worked example exists for the case (templates/examples/<case>.md). */
  hasWorkedExample: boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** No fetch of any kind; our one script by nonce; our stylesheet only (no inline style, the charts use classes). */
export function debriefCsp(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `img-src ${cspSource} data:`, `font-src ${cspSource}`, "base-uri 'none'", "form-action 'none'"].join('; ');
}

const BAND_LABEL: Record<string, string> = { missing: 'missing', weak: 'weak', solid: 'solid', strong: 'strong' };

function num(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function pips(score: number): string {
  return `<span class="pips" aria-hidden="true">${[1, 2, 3].map((i) => `<span class="pip${i <= score ? ' on' : ''}"></span>`).join('')}</span>`;
}

function readinessRing(value: number, band: string): string {
  const r = 34;
  const circumference = 2 * Math.PI * r;
  const filled = (Math.max(0, Math.min(100, value)) / 100) * circumference;
  return `<svg class="ring" viewBox="0 0 84 84" width="84" height="84" role="img" aria-label="Readiness ${value} of 100, ${escapeHtml(band)}">
<circle class="ring-track" cx="42" cy="42" r="${r}" />
<circle class="ring-value band-${band.replace(/\s+/g, '-')}" cx="42" cy="42" r="${r}" stroke-dasharray="${filled.toFixed(2)} ${circumference.toFixed(2)}" transform="rotate(-90 42 42)" />
<text x="42" y="47" text-anchor="middle" class="ring-text">${value}</text>
</svg>`;
}

const CHART_LABEL: Record<string, string> = { clarify: 'Clarify', framing: 'Framing', data: 'Data', model: 'Model', evaluation: 'Evaluation', serving: 'Serving', monitoring: 'Monitoring' };
const chartLabel = (step: DebriefStep): string => CHART_LABEL[step.id] ?? (step.title.length > 18 ? `${step.title.slice(0, 17)}…` : step.title);

/** Horizontal bars per step: the plan's minutes (outline) and the minutes spent (filled). */
export function minutesChart(steps: readonly DebriefStep[]): string {
  const timed = steps.filter((s) => s.plannedMinutes !== undefined);
  if (timed.length === 0) return '';
  const rowH = 30;
  const labelW = 120;
  const chartW = 340;
  const max = Math.max(1, ...timed.map((s) => Math.max(s.plannedMinutes ?? 0, s.spentMinutes ?? 0)));
  const scale = (m: number) => (m / max) * chartW;
  const height = timed.length * rowH + 34;
  const rows = timed
    .map((s, i) => {
      const y = 8 + i * rowH;
      const planned = s.plannedMinutes ?? 0;
      const spent = s.spentMinutes ?? 0;
      const over = spent > planned && planned > 0 ? ' over' : '';
      return `<g class="chart-row" data-step="${escapeHtml(s.id)}">
<text class="chart-label" x="${labelW - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(chartLabel(s))}</text>
<rect class="bar-planned" x="${labelW}" y="${y + 2}" width="${Math.max(0, scale(planned)).toFixed(1)}" height="18" rx="2"><title>${escapeHtml(s.title)}: planned ${num(planned)} min</title></rect>
<rect class="bar-spent${over}" x="${labelW}" y="${y + 7}" width="${Math.max(0, scale(spent)).toFixed(1)}" height="8" rx="2"><title>${escapeHtml(s.title)}: spent ${num(spent)} min</title></rect>
<text class="chart-value" x="${labelW + chartW + 8}" y="${y + 15}">${num(spent)} / ${num(planned)}</text>
</g>`;
    })
    .join('\n');
  const legendY = timed.length * rowH + 22;
  return `<svg class="chart minutes-chart" viewBox="0 0 ${labelW + chartW + 80} ${height}" width="100%" role="img" aria-label="Minutes per step, planned and spent">
${rows}
<g class="legend"><rect class="bar-planned" x="${labelW}" y="${legendY - 10}" width="14" height="12" rx="2"/><text class="chart-label" x="${labelW + 20}" y="${legendY}">planned</text>
<rect class="bar-spent" x="${labelW + 90}" y="${legendY - 7}" width="14" height="6" rx="2"/><text class="chart-label" x="${labelW + 110}" y="${legendY}">spent (editing in the step's section)</text></g>
</svg>`;
}

/** Readiness over the rounds of the case, oldest first: a small line chart with 0-100 guides. */
export function progressChart(points: readonly { date: string; readiness: number }[], width = 360, height = 110): string {
  if (points.length === 0) return '';
  const padL = 28;
  const padR = 10;
  const padT = 10;
  const padB = 20;
  const w = width - padL - padR;
  const h = height - padT - padB;
  const x = (i: number) => padL + (points.length === 1 ? w / 2 : (i / (points.length - 1)) * w);
  const y = (v: number) => padT + h - (Math.max(0, Math.min(100, v)) / 100) * h;
  const guides = [0, 50, 100]
    .map((v) => `<line class="guide" x1="${padL}" x2="${padL + w}" y1="${y(v)}" y2="${y(v)}"/><text class="axis" x="${padL - 4}" y="${y(v) + 4}" text-anchor="end">${v}</text>`)
    .join('');
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.readiness).toFixed(1)}`).join(' ');
  const dots = points
    .map(
      (p, i) =>
        `<circle class="dot${i === points.length - 1 ? ' last' : ''}" cx="${x(i).toFixed(1)}" cy="${y(p.readiness).toFixed(1)}" r="3.5"><title>${escapeHtml(p.date.slice(0, 10))}: ${p.readiness}</title></circle>`,
    )
    .join('');
  const labels =
    points.length > 1
      ? `<text class="axis" x="${padL}" y="${height - 4}">${escapeHtml(points[0]!.date.slice(0, 10))}</text><text class="axis" x="${padL + w}" y="${height - 4}" text-anchor="end">${escapeHtml(points.at(-1)!.date.slice(0, 10))}</text>`
      : '';
  return `<svg class="chart progress-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Readiness over ${points.length} rounds: ${points.map((p) => p.readiness).join(', ')}">${guides}<path class="line" d="${path}"/>${dots}${labels}</svg>`;
}

/** "▲ from 1" / "▼ from 3" against the case's previous session. */
function delta(step: DebriefStep): string {
  if (step.previousScore === undefined || step.previousScore === step.score) return '';
  const up = step.score > step.previousScore;
  return ` <span class="delta ${up ? 'up' : 'down'}" title="${up ? 'Up' : 'Down'} from ${step.previousScore}/3 in your previous session">${up ? '▲' : '▼'} from ${step.previousScore}</span>`;
}

function stepRow(step: DebriefStep): string {
  const total = step.met.length + step.missed.length;
  const minutes = step.plannedMinutes !== undefined ? `${num(step.spentMinutes ?? 0)} / ${num(step.plannedMinutes)}` : '–';
  const jump = step.line !== undefined ? ` data-action="jump" data-line="${step.line}"` : '';
  return `<tr class="step-row score-${step.score}" data-step="${escapeHtml(step.id)}">
<td><button class="link"${jump}${step.line === undefined ? ' disabled' : ''}>${escapeHtml(step.title)}</button></td>
<td class="score"><span class="score-num">${step.score}/3</span> ${pips(step.score)}${delta(step)}</td>
<td><span class="band band-${step.band}">${BAND_LABEL[step.band] ?? step.band}</span></td>
<td class="num">${total ? `${step.met.length}/${total}` : '–'}</td>
<td class="num">${minutes}</td>
</tr>`;
}

function stepDetails(step: DebriefStep): string {
  if (step.missed.length === 0 && step.score >= 2) return '';
  const missed = step.missed
    .map((m) => `<li class="missed"><span class="mark" aria-label="missed">✗</span> <strong>${escapeHtml(m.title)}</strong>${m.why ? `<span class="why">${escapeHtml(m.why)}</span>` : ''}</li>`)
    .join('');
  const met = step.met
    .map(
      (m) =>
        `<li class="met"><span class="mark" aria-label="met">✓</span> ${m.line !== undefined ? `<button class="link" data-action="jump" data-line="${m.line}">${escapeHtml(m.title)}</button>` : escapeHtml(m.title)}</li>`,
    )
    .join('');
  const fallback =
    step.missed.length === 0 ? `<li class="missed"><span class="mark">✗</span> ${escapeHtml(step.reason || (step.status === 'missing' ? 'The step is not written.' : 'The step is thin.'))}</li>` : '';
  return `<article class="step-detail score-${step.score}" data-step="${escapeHtml(step.id)}">
<h3>${escapeHtml(step.title)} <span class="band band-${step.band}">${step.score}/3 · ${BAND_LABEL[step.band] ?? step.band}</span></h3>
<ul>${missed}${fallback}${met}</ul>
</article>`;
}

export function buildDebriefHtml(model: DebriefModel, options: DebriefHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(options.nonce)) throw new Error('buildDebriefHtml: the nonce must be 16+ base64 characters');
  const s = model.session;
  const meta = [
    s ? `${s.kind === 'retry' ? 'Retry' : 'Practice round'} of ${s.lengthMinutes} min` : 'Doc report',
    s ? `${num(s.elapsedMinutes)} min on the clock${s.finishedEarly ? ' (finished early)' : ''}` : '',
    s ? s.date.slice(0, 10) : '',
    model.file,
  ].filter(Boolean);
  const weakest = model.steps.find((st) => st.id === model.weakestStep);
  const checks = model.checks
    .map(
      (c) => `<div class="check ${c.status === 'present' ? 'ok' : 'gap'}" data-check="${escapeHtml(c.id)}">
<div class="check-head"><span class="mark">${c.status === 'present' ? '✓' : '✗'}</span> <strong>${escapeHtml(c.title)}</strong> <span class="status">${c.status}</span></div>
${c.evidence ? `<div class="evidence">“${escapeHtml(c.evidence)}”${c.line !== undefined ? ` <button class="link" data-action="jump" data-line="${c.line}">line ${c.line + 1}</button>` : ''}</div>` : ''}
<div class="reason">${escapeHtml(c.reason || (c.id === 'metric-gap' ? 'Say why offline and online metrics disagree (logged by the old model, proxy labels, feedback loops) and how you would close the gap (A/B tests, interleaving, guardrails).' : 'Give the serving path a number (p99 < 100 ms) and split it across the stages.'))}</div>
</div>`,
    )
    .join('\n');
  const details = model.steps.map(stepDetails).filter(Boolean).join('\n');
  const chart = minutesChart(model.steps);
  const progress = model.progress.length > 0 ? progressChart(model.progress) : '';
  const nonce = escapeHtml(options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(debriefCsp(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(options.styleUri)}">
<title>Debrief: ${escapeHtml(model.title)}</title>
</head>
<body>
<header class="top">
<div class="heading">
<p class="kicker">Debrief</p>
<h1>${escapeHtml(model.title)}</h1>
<p class="meta">${meta.map(escapeHtml).join(' · ')}</p>
<div class="actions">
${options.hasWorkedExample && s ? `<button class="primary" data-action="compare">Compare with the worked example</button>` : ''}
${weakest ? `<button class="secondary" data-action="retry" data-step="${escapeHtml(weakest.id)}">Retry weakest step: ${escapeHtml(weakest.title)}</button>` : ''}
<button class="secondary" data-action="open">Open the doc</button>
</div>
</div>
<div class="readiness band-${model.readinessBand.replace(/\s+/g, '-')}">
${readinessRing(model.readiness, model.readinessBand)}
<div><div class="readiness-label">Readiness</div><div class="readiness-band">${escapeHtml(model.readinessBand)}</div></div>
</div>
</header>
<main>
<section>
<h2>Steps</h2>
<table class="steps">
<thead><tr><th>Step</th><th>Score</th><th>Band</th><th class="num">Checkpoints</th><th class="num">Minutes spent / plan</th></tr></thead>
<tbody>
${model.steps.map(stepRow).join('\n')}
</tbody>
</table>
</section>
${chart ? `<section><h2>Time per step</h2>${chart}</section>` : ''}
<section>
<h2>The two things interviewers single out</h2>
<div class="checks">${checks}</div>
</section>
${details ? `<section><h2>What an interviewer would still ask for</h2><div class="details">${details}</div></section>` : ''}
${progress ? `<section><h2>Progress on ${escapeHtml(s?.caseTitle ?? model.title)}</h2><p class="meta">Readiness over ${model.progress.length} round${model.progress.length === 1 ? '' : 's'}</p>${progress}</section>` : ''}
</main>
<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}
