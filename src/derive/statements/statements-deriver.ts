/**
 * Every statement the log shows, one row per entry: duration lines
 * (log_min_duration_statement, log_duration, auto_explain), log_statement lines,
 * and the STATEMENT of failed ones (phase `error`, so errors rank by shape too),
 * each with its shape; per-shape totals in `statement_shapes`; and per minute and
 * hour, per-shape totals in `statement_buckets` (for the top-queries screen).
 */
import type { Deriver, StoredEntry } from '../deriver.js';
import { isoMs } from '../iso-time.js';
import { createBatchInsert } from './batch-insert.js';
import { isStatementLine, readStatementEntry } from './statement-entry.js';
import { createLoggedStatements } from './logged-statements.js';
import { createShapeTotals } from './shape-totals.js';
import { STATEMENT_BUCKET_SCHEMA } from './statement-buckets-schema.js';
import { createStatementBuckets, insertStatementBucket } from './statement-buckets.js';
import { createShaper, type Shape } from './statement-shaper.js';
import { STATEMENTS_INDEXES, STATEMENTS_SCHEMA } from './statements-schema.js';
import { textPosition } from './text-position.js';

export const statementsDeriver: Deriver = {
  name: 'statements',
  tables: ['statement_rows', 'statement_variants', 'statement_shapes', 'statement_buckets'],
  schema: STATEMENTS_SCHEMA + STATEMENT_BUCKET_SCHEMA,
  start(db) {
    const rows = createBatchInsert(db, 'statement_rows', ['entry_id', 'phase', 'duration_ms', 'variant_id', 'prepared_name', 'parameters', 'text', 'text_at']);
    const insertVariant = db
      .prepare(
        `INSERT INTO statement_variants (fingerprint, normalized, parse_ok) VALUES (?, ?, ?)
         ON CONFLICT (fingerprint, normalized) DO UPDATE SET parse_ok = excluded.parse_ok RETURNING id`,
      )
      .pluck();
    const shaper = createShaper();
    const totals = createShapeTotals();
    const buckets = createStatementBuckets(insertStatementBucket(db));
    // Shapes are shared objects from the shaper's cache: one variant row each (re-learned ones find theirs).
    const variantIds = new WeakMap<Shape, number>();
    const logged = createLoggedStatements();

    function variantId(shape: Shape): number {
      let id = variantIds.get(shape);
      if (id === undefined) {
        id = insertVariant.get(shape.fingerprint, shape.normalized, shape.parseOk ? 1 : 0) as number;
        variantIds.set(shape, id);
      }
      return id;
    }

    return {
      push(e: StoredEntry) {
        const facts = isStatementLine(e.kind) || e.statement !== null ? readStatementEntry(e) : undefined;
        const running = logged.settle(e);
        if (facts === undefined) return;
        let shape: Shape | undefined;
        let preparedName = facts.preparedName;
        let text: string | null = null;
        let textAt: number | null = null;
        if (facts.text !== null) {
          // Shaped ahead for a statement line by the reading thread (the same text), else here.
          shape = e.statementShape ?? shaper.shape(facts.text);
          textAt = textPosition(facts.phase === 'error' ? e.statement! : e.message, facts.text) ?? null;
          if (textAt === null) text = facts.text;
        } else if (facts.phase === 'none' && running !== undefined) {
          // A bare duration: it times the statement this backend logged before.
          shape = running.shape;
          preparedName = running.preparedName;
        }
        if (shape !== undefined && e.pid !== null && (e.kind === 'statement_logged' || e.kind === 'execute_logged')) {
          logged.remember(e.pid, { shape, preparedName });
        }
        const variant = shape === undefined ? null : variantId(shape);
        rows.add(e.id, facts.phase, facts.durationMs, variant, preparedName, facts.parameters, text, textAt);
        if (shape === undefined || variant === null) return;
        totals.add(shape.fingerprint, shape.normalized, shape.parseOk, facts.phase, facts.durationMs, e.ts);
        const ms = e.ts === null ? NaN : isoMs(e.ts);
        if (!Number.isNaN(ms)) buckets.add(ms, shape.fingerprint, shape.normalized, variant, facts.phase, facts.durationMs);
      },
      finish() {
        rows.flush();
        const insertShape = db.prepare(
          `INSERT INTO statement_shapes (fingerprint, normalized, parse_ok, calls, timed_calls, total_ms, mean_ms, max_ms, errors, first_ts, last_ts)
           VALUES (@fingerprint, @normalized, @parse_ok, @calls, @timed_calls, @total_ms, @mean_ms, @max_ms, @errors, @first_ts, @last_ts)`,
        );
        for (const row of totals.rows()) insertShape.run(row);
        buckets.finish();
        db.exec(STATEMENTS_INDEXES);
      },
    };
  },
};
