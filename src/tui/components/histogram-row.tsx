/**
 * One bucket of the histogram: time, a bar stacked by severity band, the count
 * and the markers. Each band has its own glyph so the bar reads without colour.
 */
import { Text } from 'ink';
import { BANDS, type Band, type HistogramBucket } from '../data/histogram-data.js';
import { Tone, type ToneName } from './tone.js';

export const BAND_GLYPH: Record<Band, string> = { fatal: '█', error: '▓', warning: '▒', log: '░' };
const BAND_TONE: Record<Band, ToneName | undefined> = { fatal: 'fatal', error: 'error', warning: 'warning', log: undefined };

export function markers(b: HistogramBucket): string {
  const parts: string[] = [];
  if (b.deadlocks > 0) parts.push(`D${b.deadlocks}`);
  if (b.lockWaitMs >= 1) parts.push(`L${b.lockWaitMs >= 10000 ? Math.round(b.lockWaitMs / 1000) : (b.lockWaitMs / 1000).toFixed(1)}s`);
  if (b.refused > 0) parts.push(`R${b.refused}`);
  if (b.slow > 0) parts.push(`S${b.slow}`);
  return parts.join(' ');
}

/** Cells per band, proportional to the busiest bucket, at least one cell for any non-zero band. */
export function barCells(b: HistogramBucket, max: number, width: number): Record<Band, number> {
  const cells = { fatal: 0, error: 0, warning: 0, log: 0 };
  for (const band of BANDS) {
    const n = b.counts[band];
    if (n > 0) cells[band] = Math.max(1, Math.round((n / Math.max(1, max)) * width));
  }
  return cells;
}

export interface HistogramRowProps {
  bucket: HistogramBucket;
  label: string;
  max: number;
  barWidth: number;
  selected: boolean;
  gutter: string;
}

export function HistogramRow({ bucket, label, max, barWidth, selected, gutter }: HistogramRowProps) {
  const cells = barCells(bucket, max, barWidth);
  let used = 0;
  const segments = BANDS.map((band) => {
    const n = Math.min(cells[band], barWidth - used);
    used += n;
    return (
      <Tone key={band} tone={BAND_TONE[band]}>
        {BAND_GLYPH[band].repeat(Math.max(0, n))}
      </Tone>
    );
  });
  return (
    <Text wrap="truncate">
      <Text inverse={selected}>{`${selected ? '›' : ' '}${gutter}${label}`}</Text>
      {' │'}
      {segments}
      {' '.repeat(Math.max(0, barWidth - used))}
      {'│'}
      {String(bucket.total).padStart(7)}
      {' '}
      <Tone tone={bucket.deadlocks > 0 || bucket.refused > 0 ? 'error' : undefined}>{markers(bucket)}</Tone>
    </Text>
  );
}
