/**
 * Classification and message parsing: pure functions over one entry's texts,
 * no I/O. classify() names the event; the parsers read the figures out of the
 * messages that carry them.
 */
export { classify } from './classify.js';
export type { Classification } from './classification.js';
export { KINDS, KIND_NAMES, FAMILIES, isKind, patternText, patternSqlstate } from './kinds.js';
export type { Kind, Family, KindInfo, Pattern, ByKind } from './kinds.js';
export { sqlstateClass, isErrorSqlstate, SQLSTATE_CLASS_NAMES } from './sqlstate.js';

export { parseLockWait, type LockWait, type LockWaitEvent } from './messages/parse-lock-wait.js';
export { parseLockHolders, type LockHolders } from './messages/parse-lock-holders.js';
export { parseLockedObject, describeObject, objectKey, type LockedObject, type LockedObjectType } from './messages/locked-object.js';
export { parseDeadlockDetail, type DeadlockDetail, type DeadlockParticipant } from './messages/parse-deadlock-detail.js';
export { parseDeadlockContext, type TupleContext, type TupleOperation } from './messages/parse-deadlock-context.js';

export { parseDuration, type Duration } from './messages/parse-duration.js';
export { parseStatementLog, type StatementLog } from './messages/parse-statement-log.js';
export type { StatementPhase, StatementText } from './messages/statement-text.js';
export { parseParameters, type Parameter } from './messages/parse-parameters.js';
export { parseTempFile, type TempFile } from './messages/parse-temp-file.js';

export { parseConnectionReceived, type ConnectionReceived } from './messages/parse-connection-received.js';
export { parseConnectionAuthorized, type ConnectionAuthorized } from './messages/parse-connection-authorized.js';
export { parseConnectionAuthenticated, type ConnectionAuthenticated } from './messages/parse-connection-authenticated.js';
export { parseDisconnection, type Disconnection } from './messages/parse-disconnection.js';
export { parseConnectionRefusal, type ConnectionRefusal } from './messages/parse-connection-refusal.js';
export { parseAuthFailure, type AuthFailure } from './messages/parse-auth-failure.js';
export { parseHbaMatch, type HbaMatch } from './messages/parse-hba-match.js';

export { parseProcessExit, type ProcessExit } from './messages/parse-process-exit.js';
export { parseFailedProcess } from './messages/parse-failed-process.js';
export { parseParameterChanged, type ParameterChange } from './messages/parse-parameter-changed.js';
export { parseCheckpointStart, type CheckpointStart, type CheckpointReason } from './messages/parse-checkpoint-start.js';
export { parseCheckpointComplete, type CheckpointComplete } from './messages/parse-checkpoint-complete.js';
export { parseAutovacuum, type AutovacuumReport } from './messages/parse-autovacuum.js';
export { parseOutOfMemoryDetail, type OutOfMemoryDetail } from './messages/parse-out-of-memory.js';
export { parseRecoveryConflict, type RecoveryConflictReason } from './messages/parse-recovery-conflict.js';
