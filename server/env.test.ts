import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env";

const valid = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/db",
  PAYCENTER_ENCRYPTION_KEY: "a".repeat(64),
  NEXTAUTH_SECRET: "s".repeat(32),
};

describe("loadEnv", () => {
  it("accepts a complete environment and fills defaults", () => {
    const env = loadEnv({ ...valid } as unknown as NodeJS.ProcessEnv);
    expect(env).toMatchObject({ WORKER_MODE: "inline", WORKER_CONCURRENCY: 5, PUBLIC_BASE_URL: "http://localhost:3000", UPLOAD_DIR: ".data/uploads" });
  });

  it("names every missing or malformed variable", () => {
    const attempt = () =>
      loadEnv({ DATABASE_URL: "mysql://x", PAYCENTER_ENCRYPTION_KEY: "short", WORKER_MODE: "sometimes" } as unknown as NodeJS.ProcessEnv);
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ["DATABASE_URL", "PAYCENTER_ENCRYPTION_KEY", "NEXTAUTH_SECRET", "WORKER_MODE"]) expect(message).toContain(name);
      expect(message).not.toContain("PUBLIC_BASE_URL");
    }
  });

  it("accepts a base64 encryption key", () => {
    expect(() => loadEnv({ ...valid, PAYCENTER_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") } as unknown as NodeJS.ProcessEnv)).not.toThrow();
  });
});
