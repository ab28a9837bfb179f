// BENCH_CPUS=split: PayCenter on one core, the world around it on the other. The server and its PostgreSQL (the
// postmaster and every backend, present and future: forks inherit the postmaster's affinity) run on CPU 0; this
// driver (autocannon, request signing) and the out-of-process sandbox channel run on CPU 1. Production has the
// channel on another company's machines; on a 2-core box this is the closest: the channel's RSA work no longer
// takes cycles from PayCenter, so a channel-backed create's throughput shows what PayCenter itself spends.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const PAYCENTER_CPU = 0;
export const WORLD_CPU = 1;

export function cpuSplitWanted(): boolean {
  return process.env.BENCH_CPUS === "split";
}

/** Every thread of the process and of its descendants, onto one CPU (taskset, util-linux). */
export function pinTree(pid: number, cpu: number): void {
  execFileSync("taskset", ["-a", "-cp", String(cpu), String(pid)], { stdio: "ignore" });
  for (const child of childrenOf(pid)) pinTree(child, cpu);
}

function childrenOf(pid: number): number[] {
  const tasks = path.join("/proc", String(pid), "task");
  try {
    return readdirSync(tasks).flatMap((tid) =>
      readFileSync(path.join(tasks, tid, "children"), "utf8")
        .split(" ")
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return []; // gone meanwhile
  }
}

