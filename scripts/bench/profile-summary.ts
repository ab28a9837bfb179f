// Sums up a V8 CPU profile (`BENCH_PROFILE=dir npm run bench` writes the server's `.cpuprofile` there):
// self time by function and by file or package, and inclusive time by function (a function counted once
// per sample however deep it recurses), as shares of the profile's sampled time.
//
//   npx tsx scripts/bench/profile-summary.ts <file.cpuprofile | dir> [top=25] [filter]
//
// `filter`: only the samples whose stack has a frame whose function or file contains it (e.g. `callWechatpay`),
// to see what one path spends (synchronous stacks only: code after an await has the event loop below it).
// PROFILE_LAST_SECONDS=n: only the profile's last n seconds (the bench's measuring runs, not the server's start).
// The profile samples wall time while the thread runs: on a busy machine a system call (a socket write that
// wakes PostgreSQL) is charged the time the thread waited for a core.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; endTime: number };

/** A file's short name: its package for node_modules, else its path below the repository; node's own, (program), (gc)… as they are. */
export function fileOf(url: string): string {
  if (!url) return "(native)";
  const clean = url.replace(/^file:\/\//, "");
  const modules = clean.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const parts = clean.slice(modules + "node_modules/".length).split("/");
    return `npm:${parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (clean.startsWith("node:")) return clean;
  const repo = clean.indexOf("/dist/");
  return repo >= 0 ? clean.slice(repo + 1) : path.basename(clean);
}

const label = (frame: CallFrame) => `${frame.functionName || "(anonymous)"} ${fileOf(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;

export function summarize(profile: Profile, filter?: string, lastSeconds?: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = (id: number) => {
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
    return stack;
  };
  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  // each sample's time (µs), to keep only the last seconds
  const at: number[] = [];
  profile.timeDeltas.reduce((time, delta, i) => (at[i] = time + delta), profile.endTime - profile.timeDeltas.reduce((sum, d) => sum + d, 0));
  const from = lastSeconds ? profile.endTime - lastSeconds * 1e6 : -Infinity;
  profile.samples.forEach((id, i) => {
    if (at[i] < from) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const stack = stackOf(id);
    if (filter && !stack.some((node) => node.callFrame.functionName.includes(filter) || node.callFrame.url.includes(filter))) return;
    total += ms;
    const frame = stack[0].callFrame;
    selfByFunction.set(label(frame), (selfByFunction.get(label(frame)) ?? 0) + ms);
    selfByFile.set(fileOf(frame.url), (selfByFile.get(fileOf(frame.url)) ?? 0) + ms);
    for (const name of new Set(stack.map((node) => label(node.callFrame)))) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
  });
  return { total, selfByFunction, selfByFile, inclusive };
}

function print(title: string, entries: Map<string, number>, total: number, top: number): void {
  console.log(`\n${title}`);
  for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
  }
}

if (import.meta.filename === process.argv[1]) {
  const [target, topText, filter] = process.argv.slice(2);
  if (!target) throw new Error("usage: profile-summary.ts <file.cpuprofile | dir> [top] [filter]");
  const file = statSync(target).isDirectory()
    ? path.join(target, readdirSync(target).filter((name) => name.endsWith(".cpuprofile")).sort().at(-1) ?? "")
    : target;
  const top = Number(topText ?? 25);
  const last = process.env.PROFILE_LAST_SECONDS ? Number(process.env.PROFILE_LAST_SECONDS) : undefined;
  const { total, selfByFunction, selfByFile, inclusive } = summarize(JSON.parse(readFileSync(file, "utf8")) as Profile, filter, last);
  console.log(`${file}: ${total.toFixed(0)} ms sampled${filter ? ` in stacks through "${filter}"` : ""}${last ? ` in the last ${last} s` : ""}`);
  print("self time by file / package", selfByFile, total, top);
  print("self time by function", selfByFunction, total, top);
  print("inclusive time by function", inclusive, total, top);
}
