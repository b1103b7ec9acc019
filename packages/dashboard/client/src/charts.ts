import type { default as Embed, Result } from 'vega-embed';

declare global {
  /** From /assets/vega-embed.min.js (with vega and vega-lite), served from node_modules. */
  const vegaEmbed: typeof Embed;
}

type Row = Record<string, unknown>;

/**
 * Vega's log, passed on to the console, except the warning Vega gives for a dataset that is empty for now (a run
 * that has not stopped a trial yet has no stop points): an empty dataset is a normal state of a live run.
 */
let level = 2;
const logger = {
  level(value?: number) {
    if (value === undefined) return level;
    level = value;
    return logger;
  },
  error: (...args: unknown[]) => {
    console.error(...args);
    return logger;
  },
  warn: (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Infinite extent')) console.warn(...args);
    return logger;
  },
  info: () => logger,
  debug: () => logger,
};

/** The named datasets a Vega-Lite spec reads (`data: { name }` anywhere in it). */
function dataNames(spec: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(spec)) for (const item of spec) dataNames(item, names);
  else if (spec && typeof spec === 'object') {
    for (const [key, value] of Object.entries(spec)) {
      if (key === 'data' && value && typeof value === 'object' && typeof (value as Row).name === 'string')
        names.add((value as Row).name as string);
      else dataNames(value, names);
    }
  }
  return names;
}

/**
 * One chart that stays on the page while its data change: embedded once per spec, then each update replaces its
 * named datasets in the running Vega view (no re-render from scratch, hover state kept).
 */
export class LiveChart {
  private specText = '';
  private result: Promise<Result> | undefined;
  private names = new Set<string>();

  constructor(private readonly container: HTMLElement) {}

  async update(spec: unknown, datasets: Readonly<Record<string, readonly Row[]>>): Promise<void> {
    const text = JSON.stringify(spec);
    if (text !== this.specText) {
      this.specText = text;
      this.names = dataNames(spec);
      const previous = this.result;
      this.result = (async () => {
        if (previous) (await previous).finalize();
        return vegaEmbed(this.container, spec as never, {
          actions: false,
          renderer: 'svg',
          logger: logger as never,
        });
      })();
    }
    const { view } = await (this.result as Promise<Result>);
    let rows = 0;
    for (const name of this.names) {
      const values = (datasets[name] ?? []).map((row) => ({ ...row }));
      rows += values.length;
      view.data(name, values);
    }
    // New data can widen the axes (a label of three digits instead of two): lay the chart out again, so the
    // container keeps holding its axes and titles.
    view.resize();
    await view.runAsync();
    this.container.dataset.rows = String(rows);
  }
}
