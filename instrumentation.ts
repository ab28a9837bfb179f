/** Next.js start-up hook: the Node.js server validates its environment and starts the job worker. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startNode } = await import("./server/start-node");
    await startNode({ stopOnSignal: true });
  }
}
