import type { KindInfo } from '../kind-info.js';

/** Checkpoints on a primary, restartpoints on a standby (log_checkpoints, on by default since 15). */
export const CHECKPOINT_KINDS = {
  checkpoint_start: {
    family: 'checkpoint',
    description: 'A checkpoint begins; the flags say why (time, wal, immediate/fast, shutdown...).',
    patterns: ['checkpoint starting:%s'],
  },
  checkpoint_complete: {
    family: 'checkpoint',
    description: 'A checkpoint ended: buffers written, WAL files, timings, distance.',
    patterns: [
      'checkpoint complete: %s',
      'checkpoint complete: wrote %d buffers (%s%%); %d WAL file(s) added, %d removed, %d recycled; write=%s s, sync=%s s, total=%s s; sync files=%d, longest=%s s, average=%s s; distance=%d kB, estimate=%d kB',
      'checkpoint complete: wrote %d buffers (%s%%); %d WAL file(s) added, %d removed, %d recycled; write=%s s, sync=%s s, total=%s s; sync files=%d, longest=%s s, average=%s s; distance=%d kB, estimate=%d kB; lsn=%X/%X, redo lsn=%X/%X',
      'checkpoint complete: wrote %d buffers (%s%%), wrote %d SLRU buffers; %d WAL file(s) added, %d removed, %d recycled; %s',
      'checkpoint complete: wrote %d buffers (%s%%); %d transaction log file(s) added, %d removed, %d recycled; %s',
    ],
  },
  checkpoint_too_frequent: {
    family: 'checkpoint',
    description: 'WAL-triggered checkpoints closer than checkpoint_warning: max_wal_size is too small.',
    patterns: [
      'checkpoints are occurring too frequently (%d second apart)',
      'checkpoints are occurring too frequently (%d seconds apart)',
    ],
  },
  restartpoint_start: {
    family: 'checkpoint',
    description: "A standby's restartpoint begins.",
    patterns: ['restartpoint starting:%s'],
  },
  restartpoint_complete: {
    family: 'checkpoint',
    description: "A standby's restartpoint ended (same figures as checkpoint complete).",
    patterns: ['restartpoint complete: %s'],
  },
  restartpoint_at: {
    family: 'checkpoint',
    description: 'Where a restartpoint left recovery (DETAIL: last completed transaction time).',
    patterns: ['recovery restart point at %X/%X'],
  },
} as const satisfies Record<string, KindInfo>;
