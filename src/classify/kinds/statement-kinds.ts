import type { KindInfo } from '../kind-info.js';

/** What statements ran and what they cost. */
export const STATEMENT_KINDS = {
  duration: {
    family: 'statement',
    description: 'Statement duration (log_min_duration_statement, log_duration, auto_explain).',
    // The bare form first: it covers every other wording, and classify() tries patterns in order.
    patterns: [
      'duration: %s ms',
      'duration: %s ms  statement: %s',
      'duration: %s ms  execute %s: %s',
      'duration: %s ms  parse %s: %s',
      'duration: %s ms  bind %s: %s',
      'duration: %s ms  plan:%s',
    ],
  },
  statement_logged: {
    family: 'statement',
    description: 'A simple-protocol statement logged by log_statement.',
    patterns: ['statement: %s'],
  },
  execute_logged: {
    family: 'statement',
    description: 'An extended-protocol execution logged by log_statement (DETAIL has the parameters).',
    patterns: ['execute %s: %s', 'execute fetch from %s: %s'],
  },
  temp_file: {
    family: 'statement',
    description: 'A statement spilled to a temporary file (log_temp_files); STATEMENT follows.',
    patterns: ['temporary file: path "%s", size %u'],
  },
} as const satisfies Record<string, KindInfo>;
