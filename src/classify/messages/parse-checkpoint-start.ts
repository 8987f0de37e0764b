/** Why a checkpoint ran, from its flags. */
export type CheckpointReason = 'shutdown' | 'end-of-recovery' | 'time' | 'wal' | 'requested' | 'other';

export interface CheckpointStart {
  /** Restartpoints are a standby's checkpoints. */
  point: 'checkpoint' | 'restartpoint';
  /** As printed: `immediate`, `force`, `wait`, `time`, `wal`, `shutdown`, `end-of-recovery`, `flush-all`; `fast` (the newest servers), `xlog` (9.x). */
  flags: string[];
  reason: CheckpointReason;
}

const START = /^(checkpoint|restartpoint) starting:(.*)$/;

function reasonOf(flags: readonly string[]): CheckpointReason {
  if (flags.includes('shutdown')) return 'shutdown';
  if (flags.includes('end-of-recovery')) return 'end-of-recovery';
  if (flags.includes('time')) return 'time';
  if (flags.includes('wal') || flags.includes('xlog')) return 'wal';
  if (flags.some((f) => f === 'immediate' || f === 'fast' || f === 'force' || f === 'wait')) return 'requested';
  return 'other';
}

/** `checkpoint starting: immediate force wait`, `restartpoint starting: time` */
export function parseCheckpointStart(message: string): CheckpointStart | undefined {
  const m = START.exec(message);
  if (!m) return undefined;
  const flags = m[2]!.split(' ').filter((f) => f !== '');
  return { point: m[1] as CheckpointStart['point'], flags, reason: reasonOf(flags) };
}
