import type { Spread } from './score.js';

/** One series of a frontier plot: a rule family, its points sorted by savings. */
export interface PlotSeries {
  readonly name: string;
  readonly points: readonly { readonly x: Spread; readonly y: Spread }[];
}

export interface PlotPanel {
  readonly title: string;
  readonly series: readonly PlotSeries[];
}

const PALETTE = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
const WIDTH = 300;
const HEIGHT = 240;
const MARGIN = { left: 44, right: 12, top: 28, bottom: 40 };

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string,
  );
}

/** x: fraction of epochs saved, 0..1 (drawn in percent); y: recall, 0..1. */
function panelSvg(panel: PlotPanel, offsetX: number): string {
  const w = WIDTH - MARGIN.left - MARGIN.right;
  const h = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (x: number) => offsetX + MARGIN.left + x * w;
  const py = (y: number) => MARGIN.top + (1 - y) * h;
  const parts: string[] = [
    `<text x="${offsetX + WIDTH / 2}" y="16" text-anchor="middle" font-size="12">${escapeXml(panel.title)}</text>`,
    `<rect x="${px(0)}" y="${py(1)}" width="${w}" height="${h}" fill="none" stroke="#999"/>`,
  ];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${px(t)}" y1="${py(0)}" x2="${px(t)}" y2="${py(0) + 4}" stroke="#999"/>`,
      `<text x="${px(t)}" y="${py(0) + 15}" text-anchor="middle" font-size="10">${t * 100}%</text>`,
      `<line x1="${px(0)}" y1="${py(t)}" x2="${px(1)}" y2="${py(t)}" stroke="#eee"/>`,
      `<text x="${px(0) - 4}" y="${py(t) + 3}" text-anchor="end" font-size="10">${t}</text>`,
    );
  }
  parts.push(
    `<text x="${px(0.5)}" y="${HEIGHT - 6}" text-anchor="middle" font-size="10">epochs saved</text>`,
  );
  panel.series.forEach((series, i) => {
    const color = PALETTE[i % PALETTE.length];
    const line = series.points.map((p) => `${px(p.x.mean).toFixed(1)},${py(p.y.mean).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${line}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    for (const p of series.points) {
      const x = px(p.x.mean).toFixed(1);
      parts.push(
        `<line x1="${x}" y1="${py(p.y.min).toFixed(1)}" x2="${x}" y2="${py(p.y.max).toFixed(1)}" stroke="${color}" stroke-opacity="0.5"/>`,
        `<circle cx="${x}" cy="${py(p.y.mean).toFixed(1)}" r="2.5" fill="${color}"/>`,
      );
    }
  });
  return parts.join('\n');
}

/**
 * A row of frontier panels sharing one legend: each family's mean over seeds as a line, its spread over seeds
 * (smallest to largest) as a vertical bar at each point. Plain SVG, no browser or library needed.
 */
export function frontierSvg(title: string, panels: readonly PlotPanel[]): string {
  const names = panels[0]?.series.map((s) => s.name) ?? [];
  const width = WIDTH * panels.length;
  const legendY = HEIGHT + 8;
  const legend = names.map((name, i) => {
    const x = 10 + i * 150;
    const color = PALETTE[i % PALETTE.length];
    return `<rect x="${x}" y="${legendY}" width="10" height="10" fill="${color}"/><text x="${x + 14}" y="${legendY + 9}" font-size="11">${escapeXml(name)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT + 50}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="${HEIGHT + 40}" font-size="11" fill="#555">${escapeXml(title)}</text>`,
    ...panels.map((panel, i) => panelSvg(panel, i * WIDTH)),
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
