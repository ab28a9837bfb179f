import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "../lib/migrations-dir.ts";

export type SandboxProcess = { url: string; pid: number; stop(): Promise<void> };

/**
 * Starts scripts/bench/sandbox-server.ts in a Node process of its own (tsx as a loader, so the pid is the
 * server's) with this process's environment: the same database and encryption key, so it reads the
 * sandbox merchants PayCenter provisioned.
 */
export async function startSandboxProcess(env: NodeJS.ProcessEnv = process.env): Promise<SandboxProcess> {
  // BENCH_PROFILE=dir: the sandbox's CPU profile too (the file names carry each process's pid)
  const profile = env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", path.join("scripts", "bench", "sandbox-server.ts")], {
    cwd: REPO_ROOT,
    env: { ...env, NODE_ENV: "production", SANDBOX_PORT: env.BENCH_SANDBOX_PORT ?? "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      if (text.includes("\n")) resolve(text.split("\n")[0].trim());
    });
    child.once("exit", (code) => reject(new Error(`the sandbox server exited (${code}) before listening`)));
  });
  const [url, pid] = line.split(" ");
  return {
    url,
    pid: Number(pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
    },
  };
}
