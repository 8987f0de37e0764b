/** Every deriver, in the order they run (each sees every entry; order only matters for logs). */
import type { Deriver } from './deriver.js';
import { relationNamesDeriver } from './relation-names.js';
import { deadlockDeriver } from './deadlocks/deadlock-deriver.js';
import { lockWaitDeriver } from './locks/lock-wait-deriver.js';
import { blockingTreeDeriver } from './locks/blocking-tree-deriver.js';
import { sessionDeriver } from './sessions/session-deriver.js';
import { refusalDeriver } from './sessions/refusal-deriver.js';
import { authFailureDeriver } from './sessions/auth-failure-deriver.js';
import { tempFileDeriver } from './sessions/temp-file-deriver.js';
import { serverEventDeriver } from './server/server-event-deriver.js';
import { checkpointDeriver } from './server/checkpoint-deriver.js';
import { maintenanceDeriver } from './maintenance/maintenance-deriver.js';
import { statementsDeriver } from './statements/statements-deriver.js';
import { timeBucketDeriver } from './timeline/time-bucket-deriver.js';
import { connectionCountDeriver } from './timeline/connection-count-deriver.js';
import { textIndexDeriver } from './search/text-index-deriver.js';

export const DERIVERS: readonly Deriver[] = [
  relationNamesDeriver, // first: the others name relations from it when they finish
  deadlockDeriver,
  lockWaitDeriver,
  blockingTreeDeriver, // after lockWaitDeriver: it reads lock_waits when it finishes
  sessionDeriver,
  refusalDeriver,
  authFailureDeriver,
  tempFileDeriver,
  serverEventDeriver,
  checkpointDeriver,
  maintenanceDeriver,
  statementsDeriver,
  timeBucketDeriver, // after lockWaitDeriver: it reads lock_waits when it finishes
  connectionCountDeriver,
  textIndexDeriver,
];
