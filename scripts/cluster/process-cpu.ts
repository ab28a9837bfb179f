// CPU seconds of a process together with its direct children (PostgreSQL's postmaster and its
// backends, nginx's master and its workers), read from /proc: what a run cost each part of the cluster,
// whatever else the shared machine was doing.
import { readdirSync, readFileSync } from "node:fs";
import { cpuSecondsOf } from "../bench/timing.ts";

function parentOf(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** The process's CPU plus that of its live children (a child that exited meanwhile is not counted). */
export function cpuSecondsWithChildren(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let total = cpuSecondsOf(pid);
  for (const entry of readdirSync("/proc")) {
    const child = Number(entry);
    if (Number.isInteger(child) && parentOf(child) === pid) total += cpuSecondsOf(child);
  }
  return total;
}

/** The postmaster's pid, from the first line of its data directory's postmaster.pid. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
