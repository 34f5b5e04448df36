// The debrief page's only script: turns clicks on its buttons into messages to the extension and
// reports what it shows (for the tests). It never reads or renders the doc: the HTML arrives
// rendered and escaped from client/src/practice/debriefHtml.ts.
interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const post = (message: unknown): void => {
  if (api) api.postMessage(message);
  else window.parent?.postMessage(message, '*');
};

document.addEventListener('click', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action]');
  if (!target || target.hasAttribute('disabled')) return;
  const action = target.dataset.action;
  if (action === 'jump') post({ type: 'jump', line: Number(target.dataset.line) });
  else if (action === 'retry') post({ type: 'retry', stepId: target.dataset.step });
  else if (action === 'compare') post({ type: 'compare' });
  else if (action === 'open') post({ type: 'open' });
});

post({
  type: 'rendered',
  rows: document.querySelectorAll('table.steps tbody tr').length,
  bars: document.querySelectorAll('.minutes-chart .chart-row .bar-spent').length,
  progressPoints: document.querySelectorAll('.progress-chart .dot').length,
  readiness: Number(document.querySelector('.ring-text')?.textContent ?? NaN),
});
