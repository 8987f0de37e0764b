/** Measures both periods, each from its own store, and ranks what changed. */
import { readStore } from '../../store/open-store.js';
import { measurePeriod, type Measurement } from './measure-period.js';
import type { Period } from './period.js';
import { DEFAULT_RANK, rankChanges, type Change, type RankOptions } from './rank-changes.js';

export interface Comparison {
  baseline: Period;
  target: Period;
  changes: Change[];
}

function measure(p: Period): Measurement {
  return readStore(p.db, (db) => measurePeriod(db, p));
}

export function comparePeriods(baseline: Period, target: Period, opts: RankOptions = DEFAULT_RANK): Comparison {
  const changes = rankChanges(measure(baseline), measure(target), { baseline: baseline.minutes, target: target.minutes }, opts);
  return { baseline, target, changes };
}
