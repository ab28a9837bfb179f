// nginx in front of the web nodes: the Debian package (installed when missing, never as a system
// service), run in the foreground with its own prefix under .data/cluster/nginx; `reload` rewrites
// upstream.conf and signals it (nginx -s reload: new workers, open connections finish on the old).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { renderNginxConf, renderUpstream, type Upstream } from "./nginx-config.ts";

const NGINX = "/usr/sbin/nginx";

/** nginx from Debian; installed when missing (policy-rc.d keeps apt from starting a service on port 80). */
export function ensureNginx(): string {
  if (existsSync(NGINX)) return NGINX;
  if (process.getuid?.() !== 0) throw new Error("nginx is not installed: apt-get install -y nginx-light (as root)");
  console.log("… installing nginx-light from Debian (no system service is started)");
  const policy = "/usr/sbin/policy-rc.d";
  const hadPolicy = existsSync(policy);
  if (!hadPolicy) writeFileSync(policy, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  try {
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "nginx-light"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  } finally {
    if (!hadPolicy) execFileSync("rm", ["-f", policy]);
  }
  return NGINX;
}

export class LoadBalancer {
  private child: ChildProcess | undefined;
  private lastUpstream = "";
  readonly conf: string;

  constructor(
    private readonly prefix: string,
    readonly port: number,
  ) {
    this.conf = path.join(prefix, "nginx.conf");
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(nodes: Upstream[]): Promise<void> {
    const nginx = ensureNginx();
    for (const dir of ["tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"]) mkdirSync(path.join(this.prefix, dir), { recursive: true });
    writeFileSync(this.conf, renderNginxConf({ listenPort: this.port, prefix: this.prefix, runAsRoot: process.getuid?.() === 0 }));
    this.writeUpstream(nodes);
    execFileSync(nginx, ["-t", "-q", "-p", this.prefix, "-c", this.conf], { stdio: "inherit" });
    const log = createWriteStream(path.join(this.prefix, "nginx.out"), { flags: "a" });
    this.child = spawn(nginx, ["-p", this.prefix, "-c", this.conf], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    log.on("error", () => undefined);
    this.child.stdout?.pipe(log, { end: false }); // neither stream may end the shared log under the other (write after end)
    this.child.stderr?.pipe(log, { end: false });
    this.child.once("close", () => log.end());
    for (let i = 0; i < 100; i++) {
      if (this.child.exitCode !== null) throw new Error(`nginx exited at start (see ${path.join(this.prefix, "error.log")})`);
      if (await fetch(`${this.url}/lb/status`).then((r) => r.ok, () => false)) return;
      await sleep(100);
    }
    throw new Error("nginx did not answer on its port");
  }

  private writeUpstream(nodes: Upstream[]): boolean {
    const text = renderUpstream(nodes);
    if (text === this.lastUpstream) return false;
    writeFileSync(path.join(this.prefix, "upstream.conf"), text);
    this.lastUpstream = text;
    return true;
  }

  /** Points nginx at these nodes (a reload only when something changed). */
  setUpstream(nodes: Upstream[]): void {
    if (!this.writeUpstream(nodes) || !this.child) return;
    execFileSync(NGINX, ["-p", this.prefix, "-c", this.conf, "-s", "reload"], { stdio: "ignore" });
  }

  /** kill -9 of nginx's master and workers (its process group), at once. */
  kill(): void {
    const pid = this.child?.pid;
    if (!pid || this.child?.exitCode !== null || this.child?.signalCode !== null) return;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGQUIT"); // graceful: finish the requests in flight
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 10_000); // master and workers
    await exited;
    clearTimeout(timer);
  }
}
