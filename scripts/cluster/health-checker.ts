// The active half of the load balancer's health checks (open-source nginx has only the passive half):
// polls every web node's /api/ready each second; a node leaves the upstream after FAIL_AFTER failed
// polls in a row and comes back after one success. When the set changes, `onChange` gets the new one
// (the load balancer rewrites upstream.conf and reloads nginx).
import type { Upstream } from "./nginx-config.ts";

const FAIL_AFTER = 2;

export type NodeHealth = { port: number; healthy: boolean; failures: number };

/** One poll's result applied to a node: pure, so the rule is tested apart from the network. */
export function nextHealth(node: NodeHealth, ready: boolean): NodeHealth {
  if (ready) return { port: node.port, healthy: true, failures: 0 };
  const failures = node.failures + 1;
  return { port: node.port, healthy: node.healthy && failures < FAIL_AFTER, failures };
}

export async function probeReady(port: number, timeoutMs = 1_000): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

export class HealthChecker {
  private nodes: NodeHealth[];
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** Each change of the healthy set, for the run's log. */
  readonly changes: { at: number; healthy: number[] }[] = [];

  constructor(
    ports: number[],
    private readonly onChange: (nodes: Upstream[]) => void,
    private readonly probe: (port: number) => Promise<boolean> = probeReady,
    private readonly intervalMs = 1_000,
  ) {
    // assumed healthy at first: the cluster starts the checker once every node answered ready
    this.nodes = ports.map((port) => ({ port, healthy: true, failures: 0 }));
  }

  get upstream(): Upstream[] {
    return this.nodes.map(({ port, healthy }) => ({ port, healthy }));
  }

  async pollOnce(): Promise<void> {
    const results = await Promise.all(this.nodes.map((n) => this.probe(n.port)));
    const next = this.nodes.map((n, i) => nextHealth(n, results[i]!));
    const changed = next.some((n, i) => n.healthy !== this.nodes[i]!.healthy);
    this.nodes = next;
    if (changed) {
      this.changes.push({ at: Date.now(), healthy: next.filter((n) => n.healthy).map((n) => n.port) });
      this.onChange(this.upstream);
    }
  }

  start(): void {
    this.timer = setInterval(() => {
      if (this.polling) return;
      this.polling = true;
      this.pollOnce()
        .catch((error: Error) => console.log(`  ! health check: ${error.message}`))
        .finally(() => (this.polling = false));
    }, this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
