/**
 * graphile-worker 0.18 leaves a few promises unhandled while it shuts a pool down because PostgreSQL
 * went away: its local queue cannot hand its prefetched jobs back to the database, and says so by
 * rejecting with no one listening. Node would end the process for it. Nothing is lost: startWorker
 * starts the runner again, and the jobs it could not hand back stay locked by a pool nobody beats
 * for, so they are released within the heartbeat bound (heartbeat.ts). The separate worker process
 * (scripts/worker.ts) logs these instead of dying; any other unhandled rejection still ends it.
 */
const BENIGN = [
  "Error occurred whilst returning jobs from local queue to database queue",
  "Cannot background something when the queue is already released",
];

export function isGraphileShutdownRejection(reason: unknown): boolean {
  const message = reason instanceof Error ? reason.message : typeof reason === "string" ? reason : "";
  return BENIGN.some((prefix) => message.startsWith(prefix));
}
