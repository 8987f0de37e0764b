/** The real samples every TUI test builds its store from: two-process deadlocks and lock waits (root blockers). */
export const SAMPLES = ['samples/run-main/01-deadlock-2proc.log', 'samples/run-main/03-lock-waits.log'];
