/**
 * `connection_counts`: per minute (and hour) of the log, connections opened,
 * refused and failing authentication by application, user and client host: what
 * the connections screen ranks, summed from a few rows per minute instead of the
 * connection entries of the whole window.
 */
export const CONNECTION_COUNT_WIDTHS = [60, 3600] as const;

export const CONNECTION_COUNT_SCHEMA = `
CREATE TABLE connection_counts (
  width      INTEGER NOT NULL,
  start_sec  INTEGER NOT NULL,
  dim        TEXT NOT NULL CHECK (dim IN ('app', 'user', 'client')),
  name       TEXT NOT NULL,
  opened     INTEGER NOT NULL,
  refused    INTEGER NOT NULL,
  auth       INTEGER NOT NULL,
  PRIMARY KEY (width, start_sec, dim, name)
) WITHOUT ROWID;
`;
