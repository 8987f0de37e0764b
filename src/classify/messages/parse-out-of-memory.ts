export interface OutOfMemoryDetail {
  requestBytes: number;
  /** The memory context the allocation was for (`ExecutorState`, `HashBatchContext`...). */
  context: string;
}

const FAILED_REQUEST = /^Failed on request of size (\d+)(?: in memory context "(.*)")?\.$/;

/** DETAIL of `out of memory`: `Failed on request of size 20 in memory context "ExecutorState".` */
export function parseOutOfMemoryDetail(detail: string): OutOfMemoryDetail | undefined {
  const m = FAILED_REQUEST.exec(detail.trim());
  return m ? { requestBytes: Number(m[1]), context: m[2] ?? '' } : undefined;
}
