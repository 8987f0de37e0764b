/** Errors a command raises for the CLI to turn into a one-line message and an exit code. */

/** The user asked for something that cannot work (bad option value, missing store). Exit 2. */
export class UsageError extends Error {}
