/** A bar chart as inline SVG, so the HTML report needs no script and no network. */
import { escapeHtml } from './escape-html.js';
import { maxOf } from '../util/max-of.js';

export interface Series {
  label: string;
  color: string;
  values: number[];
}

export function svgBars(title: string, labels: string[], series: Series[], width = 860, height = 160): string {
  const n = labels.length;
  if (n === 0) return '';
  const max = maxOf(labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)), 1);
  const left = 40;
  const plotW = width - left - 10;
  const plotH = height - 40;
  const barW = plotW / n;
  const bars: string[] = [];
  labels.forEach((label, i) => {
    let y = plotH + 10;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const h = (v / max) * plotH;
      y -= h;
      bars.push(`<rect x="${(left + i * barW).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(barW - 1, 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${escapeHtml(`${label} ${s.label}: ${v}`)}</title></rect>`);
    }
  });
  const ticks = [0, Math.floor(n / 2), n - 1].filter((v, i, a) => a.indexOf(v) === i)
    .map((i) => `<text x="${(left + i * barW).toFixed(1)}" y="${height - 12}" font-size="10">${escapeHtml(labels[i])}</text>`);
  const legend = series.map((s, i) => `<rect x="${left + i * 150}" y="${height - 8}" width="8" height="8" fill="${s.color}"/><text x="${left + i * 150 + 12}" y="${height}" font-size="10">${escapeHtml(s.label)}</text>`);
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 6}" role="img" aria-label="${escapeHtml(title)}">
<text x="0" y="18" font-size="10">${max}</text><line x1="${left}" y1="${plotH + 10}" x2="${width - 10}" y2="${plotH + 10}" stroke="#999"/>
${bars.join('\n')}
${ticks.join('\n')}
${legend.join('\n')}
</svg></figure>`;
}
