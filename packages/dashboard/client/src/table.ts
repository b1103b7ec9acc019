import type { TrialRow } from '../../src/view.js';
import { el, genomeText, number } from './format.js';

interface Column {
  readonly key: string;
  readonly title: string;
  readonly text: (row: TrialRow) => string;
  /** The value sorted on (numbers sort as numbers; missing values last). */
  readonly sortValue: (row: TrialRow) => string | number | null;
}

const numeric = (title: string, key: keyof TrialRow, digits = 4): Column => ({
  key,
  title,
  text: (row) => number(row[key] as number | null, digits),
  sortValue: (row) => row[key] as number | null,
});
const textual = (title: string, key: string, text: (row: TrialRow) => string): Column => ({
  key,
  title,
  text,
  sortValue: (row) => text(row) || null,
});

const COLUMNS: readonly Column[] = [
  numeric('#', 'index'),
  textual('trial', 'id', (r) => r.id),
  textual('status', 'status', (r) => r.status),
  {
    key: 'epochs',
    title: 'epochs',
    text: (r) => `${number(r.epochs, 2)} / ${r.maxEpochs}`,
    sortValue: (r) => r.epochs,
  },
  {
    key: 'reported',
    title: 'reported',
    text: (r) => (r.reported === null ? '—' : `${number(r.reported)} (${r.reportedSource ?? '?'})`),
    sortValue: (r) => r.reported,
  },
  numeric('predicted', 'predicted'),
  numeric('measured', 'measured'),
  textual('genome', 'genome', (r) => genomeText(r.genome)),
  textual('reason', 'reason', (r) => r.reason ?? ''),
  textual('backend', 'backend', (r) => r.backend ?? ''),
  numeric('seconds', 'seconds', 1),
];

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** The trials table: sortable by any column, filtered by status and by text; rows keep their place across updates. */
export class TrialsTable {
  private rows: readonly TrialRow[] = [];
  private sortKey = 'index';
  private descending = false;

  constructor(
    private readonly table: HTMLTableElement,
    private readonly filter: HTMLInputElement,
    private readonly status: HTMLSelectElement,
  ) {
    const header = el('tr');
    for (const column of COLUMNS) {
      const th = el('th', { 'data-key': column.key, scope: 'col' }, column.title);
      th.addEventListener('click', () => {
        this.descending = this.sortKey === column.key ? !this.descending : false;
        this.sortKey = column.key;
        this.render();
      });
      header.append(th);
    }
    table.createTHead().append(header);
    table.createTBody();
    filter.addEventListener('input', () => this.render());
    status.addEventListener('change', () => this.render());
  }

  update(rows: readonly TrialRow[]): void {
    this.rows = rows;
    this.render();
  }

  private render(): void {
    const column = COLUMNS.find((c) => c.key === this.sortKey) ?? (COLUMNS[0] as Column);
    const needle = this.filter.value.trim().toLowerCase();
    const status = this.status.value;
    const shown = this.rows
      .filter((row) => status === '' || row.status === status)
      .filter((row) => needle === '' || COLUMNS.some((c) => c.text(row).toLowerCase().includes(needle)))
      .sort((a, b) => (this.descending ? -1 : 1) * compare(column.sortValue(a), column.sortValue(b)));
    const body = el('tbody');
    for (const row of shown) {
      const tr = el('tr', { 'data-trial': row.id, 'data-status': row.status });
      for (const c of COLUMNS) tr.append(el('td', { 'data-key': c.key }, c.text(row)));
      if (row.error) tr.title = row.error;
      body.append(tr);
    }
    this.table.tBodies[0]?.replaceWith(body);
    for (const th of this.table.tHead?.querySelectorAll('th') ?? [])
      th.setAttribute(
        'aria-sort',
        th.dataset.key === this.sortKey ? (this.descending ? 'descending' : 'ascending') : 'none',
      );
  }
}
