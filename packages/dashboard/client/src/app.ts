import type { RunSummary, RunsView, RunView } from '../../src/view.js';
import { LiveChart } from './charts.js';
import { byId, el, number, percent } from './format.js';
import { TrialsTable } from './table.js';

/** The dashboard page: one EventSource per selected run; each message replaces what the page shows. */

const charts = new Map<string, LiveChart>();
const table = new TrialsTable(byId('trials'), byId('trial-filter'), byId('status-filter'));
let selected: string | undefined = new URLSearchParams(location.hash.slice(1)).get('run') ?? undefined;
let stream: EventSource | undefined;

function chart(id: string): LiveChart | undefined {
  const container = document.getElementById(`chart-${id}`);
  if (!container) return undefined;
  let live = charts.get(id);
  if (!live) {
    live = new LiveChart(container);
    charts.set(id, live);
  }
  return live;
}

function showProblem(message: string | null): void {
  const box = byId('problem');
  box.textContent = message ?? '';
  box.hidden = message === null;
}

function card(label: string, value: string): HTMLElement {
  return el(
    'div',
    { class: 'card' },
    el('span', { class: 'value' }, value),
    el('span', { class: 'label' }, label),
  );
}

function renderSummary(s: RunSummary): void {
  byId('run-title').textContent = `${s.name} — ${s.ended ? `ended (${s.endReason ?? '?'})` : 'running'}`;
  byId('summary').replaceChildren(
    card('trials', String(s.trials)),
    card('running', String(s.running)),
    card('stopped early', String(s.stopped)),
    card('failed', String(s.failed)),
    card('epochs trained', number(s.epochs, 1)),
    card('epochs saved', percent(s.saved)),
    card('throughput gain', `${s.throughputGain.toFixed(2)}×`),
    card(`best ${s.objectives[0]?.name ?? ''}`, s.best === null ? '—' : `${number(s.best)} (${s.bestTrial})`),
  );
}

async function renderRun(view: RunView): Promise<void> {
  renderSummary(view.summary);
  showProblem(view.problem);
  table.update(view.trials);
  byId('pareto-section').hidden = view.specs.pareto === undefined;
  byId('errors').replaceChildren(
    ...view.errors.map((e) => el('li', {}, e.trialId ? `${e.trialId}: ${e.message}` : e.message)),
  );
  byId('errors-section').hidden = view.errors.length === 0;
  byId('audit').replaceChildren(...(view.audit ?? []).map((line) => el('li', {}, line)));
  byId('audit-section').hidden = view.audit === null;
  await Promise.all(Object.entries(view.specs).map(([id, spec]) => chart(id)?.update(spec, view.datasets)));
  document.body.dataset.updates = String(Number(document.body.dataset.updates ?? '0') + 1);
}

function renderRuns(view: RunsView): void {
  const picker = byId<HTMLSelectElement>('run-picker');
  const names = view.runs.map((r) => r.name);
  if (selected === undefined || !names.includes(selected)) {
    if (names[0] !== undefined) select(names[0]);
  }
  picker.replaceChildren(...names.map((name) => el('option', { value: name }, name)));
  if (selected !== undefined) picker.value = selected;
  byId('compare-section').hidden = view.runs.length < 2;
  const rows = view.runs.map((r) =>
    el(
      'tr',
      {},
      ...[
        r.name,
        r.ended ? 'ended' : 'running',
        String(r.trials),
        String(r.stopped),
        number(r.epochs, 1),
        percent(r.saved),
        `${r.throughputGain.toFixed(2)}×`,
        number(r.best),
      ].map((text) => el('td', {}, text)),
    ),
  );
  byId('runs-table')
    .querySelector('tbody')
    ?.replaceChildren(...rows);
  if (view.runs.length >= 2) void chart('compare')?.update(view.specs.compare, view.datasets);
}

function select(name: string): void {
  if (name === selected && stream) return;
  selected = name;
  history.replaceState(null, '', `#${new URLSearchParams({ run: name })}`);
  connect();
}

let queue: Promise<void> = Promise.resolve();
function connect(): void {
  stream?.close();
  const query = selected === undefined ? '' : `?${new URLSearchParams({ run: selected })}`;
  stream = new EventSource(`/api/stream${query}`);
  stream.addEventListener('runs', (message) => renderRuns(JSON.parse(message.data) as RunsView));
  stream.addEventListener('run', (message) => {
    const view = JSON.parse(message.data) as RunView;
    // One render at a time, in order: a slow chart never sees an older view after a newer one.
    queue = queue.then(() => renderRun(view)).catch((error: unknown) => showProblem(String(error)));
  });
  stream.addEventListener('open', () => byId('connection').replaceChildren('live'));
  stream.addEventListener('error', () => byId('connection').replaceChildren('reconnecting…'));
}

byId<HTMLSelectElement>('run-picker').addEventListener('change', (e) => {
  select((e.target as HTMLSelectElement).value);
});
connect();
