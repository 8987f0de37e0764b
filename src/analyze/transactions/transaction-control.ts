/**
 * Transaction-control statements among a backend's logged statements. A log that shows
 * every statement (log_statement = 'all', or log_min_duration_statement = 0, as during an
 * investigation) shows them too, and they bound a transaction exactly: BEGIN starts it,
 * COMMIT or ROLLBACK ends the one before, and ROLLBACK TO SAVEPOINT says that the error
 * before it ended a subtransaction only (Rails' `transaction(requires_new: true)`, a
 * retried INSERT): the transaction, and the locks it held, went on.
 */

export type ControlEffect = 'begin' | 'end' | 'rollback_to';

export interface TransactionControl {
  effect: ControlEffect;
  /** The statement's keywords, upper case ("BEGIN", "START TRANSACTION", "COMMIT"…): never literals, so safe to show redacted. */
  keywords: string;
}

/** Leading comments (marginalia and sqlcommenter put theirs at the end, but not every tool does). */
const LEADING_COMMENTS = /^(?:\s|\/\*[^]*?\*\/)*/;

/**
 * In order, the first that matches decides: ROLLBACK TO before ROLLBACK. COMMIT PREPARED
 * and ROLLBACK PREPARED (null) run outside a transaction block, on a transaction another
 * session prepared: the backend's own is not touched.
 */
const FORMS: ReadonlyArray<readonly [RegExp, ControlEffect | null]> = [
  [/^(BEGIN|START\s+TRANSACTION)\b/i, 'begin'],
  [/^(ROLLBACK(?:\s+(?:WORK|TRANSACTION))?\s+TO)\b/i, 'rollback_to'],
  [/^(COMMIT|ROLLBACK)\s+PREPARED\b/i, null],
  [/^(COMMIT|END|ROLLBACK|ABORT|PREPARE\s+TRANSACTION)\b/i, 'end'],
];

/** What a statement does to its backend's transaction, if it is a transaction-control statement. */
export function transactionControl(statement: string): TransactionControl | undefined {
  const text = statement.replace(LEADING_COMMENTS, '');
  for (const [form, effect] of FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    return effect === null ? undefined : { effect, keywords: m[1]!.toUpperCase().replace(/\s+/g, ' ') };
  }
  return undefined;
}
