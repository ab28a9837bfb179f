// Development secrets for the embedded demo database: generated once, kept beside its data in .data/, so
// `npm run dev` works in a fresh clone and secrets sealed into the database stay readable across restarts.
// Values already in the environment win; an external DATABASE_URL must come with its own secrets.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const GENERATORS = {
  PAYCENTER_ENCRYPTION_KEY: () => randomBytes(32).toString("hex"),
  NEXTAUTH_SECRET: () => randomBytes(32).toString("base64url"),
} as const;

type SecretName = keyof typeof GENERATORS;

/** Fills the missing secrets into process.env; returns the names it filled. */
export function ensureDevSecrets(file: string): SecretName[] {
  const names = Object.keys(GENERATORS) as SecretName[];
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length === 0) return [];

  const stored: Partial<Record<SecretName, string>> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  let changed = false;
  for (const name of names) {
    if (!stored[name]) {
      stored[name] = GENERATORS[name]();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  for (const name of missing) process.env[name] = stored[name];
  return missing;
}
