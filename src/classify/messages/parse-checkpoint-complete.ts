export interface CheckpointComplete {
  point: 'checkpoint' | 'restartpoint';
  buffers: number;
  buffersPct: number;
  /** 18+. */
  slruBuffers?: number;
  walAdded: number;
  walRemoved: number;
  walRecycled: number;
  writeS: number;
  syncS: number;
  totalS: number;
  syncFiles?: number;
  longestS?: number;
  averageS?: number;
  /** 9.5+. */
  distanceKb?: number;
  estimateKb?: number;
  /** 17+. */
  lsn?: string;
  redoLsn?: string;
}

const COMPLETE = /^(checkpoint|restartpoint) complete: /;
// Each figure is looked for on its own, so a version that adds, drops or reorders one still parses.
const BUFFERS = /wrote (\d+) buffers \((\d+(?:\.\d+)?)%\)/;
const SLRU = /wrote (\d+) SLRU buffers/;
const FILES = /(\d+) (?:WAL|transaction log) file\(s\) added, (\d+) removed, (\d+) recycled/;
const TIMES = /write=(\d+(?:\.\d+)?) s, sync=(\d+(?:\.\d+)?) s, total=(\d+(?:\.\d+)?) s/;
const SYNC = /sync files=(\d+), longest=(\d+(?:\.\d+)?) s, average=(\d+(?:\.\d+)?) s/;
const DISTANCE = /distance=(\d+) kB, estimate=(\d+) kB/;
const LSN = /lsn=([0-9A-F]+\/[0-9A-F]+), redo lsn=([0-9A-F]+\/[0-9A-F]+)/;

/** `checkpoint complete: wrote 1668 buffers (10.2%); 0 WAL file(s) added, …` and `restartpoint complete: …`. */
export function parseCheckpointComplete(message: string): CheckpointComplete | undefined {
  const head = COMPLETE.exec(message);
  const buffers = BUFFERS.exec(message);
  const files = FILES.exec(message);
  const times = TIMES.exec(message);
  if (!head || !buffers || !files || !times) return undefined;
  const out: CheckpointComplete = {
    point: head[1] as CheckpointComplete['point'],
    buffers: Number(buffers[1]),
    buffersPct: Number(buffers[2]),
    walAdded: Number(files[1]),
    walRemoved: Number(files[2]),
    walRecycled: Number(files[3]),
    writeS: Number(times[1]),
    syncS: Number(times[2]),
    totalS: Number(times[3]),
  };
  const slru = SLRU.exec(message);
  if (slru) out.slruBuffers = Number(slru[1]);
  const sync = SYNC.exec(message);
  if (sync) {
    out.syncFiles = Number(sync[1]);
    out.longestS = Number(sync[2]);
    out.averageS = Number(sync[3]);
  }
  const distance = DISTANCE.exec(message);
  if (distance) {
    out.distanceKb = Number(distance[1]);
    out.estimateKb = Number(distance[2]);
  }
  const lsn = LSN.exec(message);
  if (lsn) {
    out.lsn = lsn[1]!;
    out.redoLsn = lsn[2]!;
  }
  return out;
}
