import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { billEditSchema } from "@/server/domain/bill-edits";

/**
 * Fault injection for a sandbox merchant (edited per channel account in the console, TEST apps only).
 * Rates are per-mille (0–1000) so no float decides a payment.
 */
export { type BillEdit, billEditSchema } from "@/server/domain/bill-edits";

export const sandboxFaultsSchema = z.object({
  /** Share of payer confirmations the channel declines (PAYERROR / trade closed). */
  declinePerMille: z.number().int().min(0).max(1000).default(0),
  /** Added latency on every API answer. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Share of API calls that hang until the caller times out (the channel may still have acted). */
  timeoutPerMille: z.number().int().min(0).max(1000).default(0),
  /** Share of API calls answered 500 SYSTEM_ERROR without acting. */
  errorPerMille: z.number().int().min(0).max(1000).default(0),
  /** Never send notifications (status sync must find the result). */
  dropNotifications: z.boolean().default(false),
  /** Send every notification twice. */
  duplicateNotifications: z.boolean().default(false),
  /** Delay before the first notification. */
  notificationDelayMs: z.number().int().min(0).max(3_600_000).default(0),
  /** Differences written into the bills this merchant downloads (reconciliation tests and demos). */
  billEdits: z.array(billEditSchema).max(2000).default([]),
});

export type SandboxFaults = z.infer<typeof sandboxFaultsSchema>;

export function parseFaults(value: unknown): SandboxFaults {
  const parsed = sandboxFaultsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : sandboxFaultsSchema.parse({});
}

/** True with the given per-mille probability. */
export function chance(perMille: number, random: () => number = Math.random): boolean {
  return perMille > 0 && Math.floor(random() * 1000) < perMille;
}

/** How long a "timeout" fault hangs: longer than any caller's budget. */
export const HANG_MS = 30_000;

/** Sandbox durations are multiplied by SANDBOX_TIME_SCALE (e.g. 0.001 in tests: 15 s → 15 ms). */
export function scaled(ms: number): number {
  const scale = Number(process.env.SANDBOX_TIME_SCALE ?? 1);
  return Math.max(0, Math.round(ms * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

export type FaultOutcome = { kind: "proceed" } | { kind: "error" };

/**
 * Applies the request-level faults before the sandbox answers an API call: adds latency, hangs
 * (timeout), or tells the caller to answer 500 without acting.
 */
export async function requestFaults(faults: SandboxFaults): Promise<FaultOutcome> {
  if (faults.latencyMs) await sleep(faults.latencyMs);
  if (chance(faults.timeoutPerMille)) await sleep(HANG_MS);
  if (chance(faults.errorPerMille)) return { kind: "error" };
  return { kind: "proceed" };
}
