/** The input formats a stored file can have been read as. */
export type LogFormat = 'stderr' | 'csv' | 'json' | 'syslog' | 'unknown';
