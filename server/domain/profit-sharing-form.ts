import { z } from "zod";
import { decimalToMinor, MAX_AMOUNT_MINOR } from "./money";

/**
 * The console's profit-sharing forms (分账): what a person types (a percent, yuan) turned into what the
 * tRPC router takes (basis points, fen as integers), and how an account is shown. The router's own
 * schemas (./profit-sharing-schema.ts) check the result again.
 */

const YUAN = /^\d{1,10}(\.\d{1,2})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

/** "10" → 1000, "12.5" → 1250 (basis points); undefined unless 0 < percent ≤ 100 with ≤ 2 decimals. */
export function percentToBps(percent: string): number | undefined {
  const text = percent.trim();
  if (!PERCENT.test(text)) return undefined;
  const bps = Number(decimalToMinor(text, "CNY"));
  return bps > 0 && bps <= 10_000 ? bps : undefined;
}

/** 1000 → "10", 1250 → "12.5", 1 → "0.01". */
export function bpsToPercent(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const frac = String(bps % 100).padStart(2, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

/** "12.30" → 1230 (fen); undefined unless a positive amount within the Open API's maximum. */
export function yuanToFen(yuan: string): number | undefined {
  const text = yuan.trim();
  if (!YUAN.test(text)) return undefined;
  const fen = decimalToMinor(text, "CNY");
  return fen > 0n && fen <= MAX_AMOUNT_MINOR ? Number(fen) : undefined;
}

/**
 * An account as a list shows it: enough to recognise, not enough to copy. Long ids keep their first 3
 * and last 4 characters, an e-mail its first character and domain, a short one its first and last.
 */
export function maskAccount(account: string): string {
  const at = account.indexOf("@");
  if (at > 0) return `${account[0]}***${account.slice(at)}`;
  if (account.length > 10) return `${account.slice(0, 3)}****${account.slice(-4)}`;
  if (account.length > 2) return `${account[0]}${"*".repeat(Math.min(account.length - 2, 4))}${account.slice(-1)}`;
  return `${account[0] ?? ""}*`;
}

/** The rule dialog: a percent or yuan as typed; messages are profitSharing.errors.* keys. */
export const ruleFormSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(64, "required"),
    receiverId: z.string().min(1, "required"),
    mode: z.enum(["RATIO", "FIXED"]),
    ratio: z.string(),
    amount: z.string(),
    match: z.enum(["ALL", "STORE", "METADATA"]),
    storeId: z.string().trim().max(64, "required"),
    metadataKey: z.string().trim().max(40, "required"),
    metadataValue: z.string().trim().max(500, "required"),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "RATIO" && percentToBps(v.ratio) === undefined) ctx.addIssue({ code: "custom", path: ["ratio"], message: "ratio" });
    if (v.mode === "FIXED" && yuanToFen(v.amount) === undefined) ctx.addIssue({ code: "custom", path: ["amount"], message: "amount" });
    if (v.match === "STORE" && !v.storeId) ctx.addIssue({ code: "custom", path: ["storeId"], message: "required" });
    if (v.match === "METADATA" && !v.metadataKey) ctx.addIssue({ code: "custom", path: ["metadataKey"], message: "required" });
  })
  .transform((v) => ({
    name: v.name,
    receiverId: v.receiverId,
    mode: v.mode,
    ratioBps: v.mode === "RATIO" ? percentToBps(v.ratio) : undefined,
    amount: v.mode === "FIXED" ? yuanToFen(v.amount) : undefined,
    match: v.match,
    storeId: v.match === "STORE" ? v.storeId : undefined,
    metadataKey: v.match === "METADATA" ? v.metadataKey : undefined,
    metadataValue: v.match === "METADATA" ? v.metadataValue : undefined,
  }));
export type RuleFormValues = z.input<typeof ruleFormSchema>;

/** The split dialog: an amount in yuan per receiver (empty = not this one, at least one) and whether to release the rest. */
export const splitFormSchema = z
  .object({
    receivers: z.array(z.object({ receiverId: z.string().min(1), amount: z.string() })),
    finish: z.boolean(),
  })
  .superRefine((v, ctx) => {
    v.receivers.forEach((r, i) => {
      if (r.amount.trim() !== "" && yuanToFen(r.amount) === undefined) ctx.addIssue({ code: "custom", path: ["receivers", i, "amount"], message: "amount" });
    });
    // the router takes at least one receiver: releasing the rest alone is the channel's own business (180 days)
    if (v.receivers.every((r) => r.amount.trim() === "")) ctx.addIssue({ code: "custom", path: ["finish"], message: "nothing" });
  })
  .transform((v) => ({
    receivers: v.receivers.filter((r) => r.amount.trim() !== "").map((r) => ({ receiverId: r.receiverId, amount: yuanToFen(r.amount) ?? 0 })),
    finish: v.finish,
  }));
export type SplitFormValues = z.input<typeof splitFormSchema>;

/** How long after payment an order frozen for sharing, with no split yet, is watched for its automatic split. */
export const AWAIT_AUTO_SPLIT_MS = 15 * 60 * 1000;

/**
 * Whether an order's 分账 card keeps polling: something is moving at the channel, or the order is frozen
 * for sharing, paid recently and its rules' split has not appeared yet.
 */
export function splitsInMotion(
  view: { inFlight: boolean; splits: readonly unknown[]; order: { profitSharing: boolean; splitFinishedAt: string | null; paidAt: string | null } },
  now = Date.now(),
): boolean {
  if (view.inFlight) return true;
  const { order } = view;
  return order.profitSharing && !order.splitFinishedAt && view.splits.length === 0 && order.paidAt !== null && now - Date.parse(order.paidAt) < AWAIT_AUTO_SPLIT_MS;
}
