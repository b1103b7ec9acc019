import type { default as Embed, Result } from 'vega-embed';

declare global {
  /** From /assets/vega-embed.min.js (with vega and vega-lite), served from node_modules. */
  const vegaEmbed: typeof Embed;
}

type Row = Record<string, unknown>;

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
        return vegaEmbed(this.container, spec as never, { actions: false, renderer: 'svg' });
      })();
    }
    const { view } = await (this.result as Promise<Result>);
    let rows = 0;
    for (const name of this.names) {
      const values = (datasets[name] ?? []).map((row) => ({ ...row }));
      rows += values.length;
      view.data(name, values);
    }
    await view.runAsync();
    this.container.dataset.rows = String(rows);
  }
}
