import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { resetEnvCache } from "@/server/env";
import { authenticateUser } from "@/server/services/users/authenticate-user";
import { createCaller } from "@/server/trpc/root";
import { outcome } from "@/server/testing/callers";
import { DEMO_PASSWORD, seedIfEmpty } from "@/prisma/seed";
import { hashResetToken, PASSWORD_RESET_TTL_MS } from "./password-reset-token";

// "Forgot password" end to end at the service edge (the console's tRPC procedures, signed out): the link in the mail,
// its expiry and single use, wrong tokens, the same answer for unknown e-mails, and the rate limits.

const outbox = path.join(mkdtempSync(path.join(tmpdir(), "paycenter-mail-")), "outbox.jsonl");
let ipSeq = 0;
/** A signed-out caller from its own address (the per-IP limit is tested on purpose only). */
const visitor = (ip = `198.51.100.${++ipSeq}`) => createCaller({ user: null, requestId: "req_test_reset", ip, headers: new Headers() });

function mails(to: string): { to: string; subject: string; text: string; link: string }[] {
  if (!existsSync(outbox)) return [];
  return readFileSync(outbox, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)).filter((m) => m.to === to);
}
const tokenOf = (link: string) => link.split("/reset-password/")[1];

async function newUser(email: string) {
  const { hashPassword } = await import("@/server/auth/password");
  await db.user.create({ data: { email, name: "Reset", passwordHash: await hashPassword("OldPass123") } });
}

beforeAll(async () => {
  await seedIfEmpty();
  delete process.env.SMTP_URL;
  process.env.MAIL_OUTBOX_FILE = outbox;
  resetEnvCache();
});
afterAll(() => {
  delete process.env.MAIL_OUTBOX_FILE;
  resetEnvCache();
});

describe("password reset", () => {
  it("mails a link that sets a new password once; the old password and every other link stop working", async () => {
    const email = `reset-${Date.now()}@shop.example`;
    await newUser(email);
    expect(await visitor().account.requestPasswordReset({ email: email.toUpperCase(), locale: "en" })).toEqual({ sent: true });
    expect(await visitor().account.requestPasswordReset({ email, locale: "zh-CN" })).toEqual({ sent: true });
    const [first, second] = mails(email);
    expect(first.subject).toBe("Reset your PayCenter password");
    expect(second.subject).toBe("PayCenter 重置密码");
    expect(first.text).toContain(first.link);
    expect(first.link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
    // only the hash is stored
    const rows = await db.passwordReset.findMany({ where: { email } });
    expect(rows.map((r) => r.tokenHash).sort()).toEqual([hashResetToken(tokenOf(first.link)), hashResetToken(tokenOf(second.link))].sort());
    expect(JSON.stringify(rows)).not.toContain(tokenOf(first.link));

    expect(await visitor().account.passwordReset({ token: tokenOf(first.link) })).toEqual({ state: "open" });
    // sign-up's password rules
    expect(await outcome(visitor().account.resetPassword({ token: tokenOf(first.link), password: "short" }))).toBe("BAD_REQUEST");
    expect(await visitor().account.resetPassword({ token: tokenOf(first.link), password: "NewPass456" })).toEqual({ email });
    expect(await authenticateUser({ email, password: "NewPass456" })).toMatchObject({ email });
    expect(await authenticateUser({ email, password: "OldPass123" })).toBeNull();

    // single use, and the other open link ended with the password change
    for (const link of [first.link, second.link]) {
      expect(await visitor().account.passwordReset({ token: tokenOf(link) })).toEqual({ state: "invalid" });
      expect(await outcome(visitor().account.resetPassword({ token: tokenOf(link), password: "Another789" }))).toBe("NOT_FOUND");
    }
    expect(await authenticateUser({ email, password: "NewPass456" })).toMatchObject({ email });
  });

  it("refuses an expired link and a wrong token", async () => {
    const email = `expired-${Date.now()}@shop.example`;
    await newUser(email);
    await visitor().account.requestPasswordReset({ email, locale: "zh-CN" });
    const [mail] = mails(email);
    const issued = await db.passwordReset.findFirstOrThrow({ where: { email } });
    expect(issued.expiresAt.getTime() - issued.createdAt.getTime()).toBe(PASSWORD_RESET_TTL_MS);
    await db.passwordReset.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await visitor().account.passwordReset({ token: tokenOf(mail.link) })).toEqual({ state: "invalid" });
    expect(await outcome(visitor().account.resetPassword({ token: tokenOf(mail.link), password: "NewPass456" }))).toBe("NOT_FOUND");

    const wrong = "A".repeat(43);
    expect(await visitor().account.passwordReset({ token: wrong })).toEqual({ state: "invalid" });
    expect(await outcome(visitor().account.resetPassword({ token: wrong, password: "NewPass456" }))).toBe("NOT_FOUND");
    expect(await outcome(visitor().account.resetPassword({ token: "../../etc", password: "NewPass456" }))).toBe("BAD_REQUEST");
    expect(await authenticateUser({ email, password: "OldPass123" })).toMatchObject({ email });
  });

  it("answers an unknown e-mail exactly like a known one, and sends nothing", async () => {
    const unknown = `nobody-${Date.now()}@shop.example`;
    expect(await visitor().account.requestPasswordReset({ email: unknown, locale: "en" })).toEqual({ sent: true });
    expect(mails(unknown)).toEqual([]);
    expect(await db.passwordReset.findFirstOrThrow({ where: { email: unknown } })).toMatchObject({ userId: null, tokenHash: null });
    // a disabled user gets no link either
    await db.user.update({ where: { email: "viewer@demo.local" }, data: { disabledAt: new Date() } });
    expect(await visitor().account.requestPasswordReset({ email: "viewer@demo.local", locale: "en" })).toEqual({ sent: true });
    expect(mails("viewer@demo.local")).toEqual([]);
    await db.user.update({ where: { email: "viewer@demo.local" }, data: { disabledAt: null } });
    expect(await authenticateUser({ email: "viewer@demo.local", password: DEMO_PASSWORD })).not.toBeNull();
  });

  it("limits requests per e-mail (known or not alike) and per IP", async () => {
    for (const email of [`limit-${Date.now()}@shop.example`, "finance@demo.local"]) {
      for (let i = 0; i < 3; i++) await visitor().account.requestPasswordReset({ email, locale: "zh-CN" });
      expect(await outcome(visitor().account.requestPasswordReset({ email, locale: "zh-CN" }))).toBe("TOO_MANY_REQUESTS");
    }
    const ip = "203.0.113.77";
    for (let i = 0; i < 10; i++) await visitor(ip).account.requestPasswordReset({ email: `ip-${i}-${Date.now()}@shop.example`, locale: "en" });
    expect(await outcome(visitor(ip).account.requestPasswordReset({ email: `ip-x-${Date.now()}@shop.example`, locale: "en" }))).toBe("TOO_MANY_REQUESTS");
    expect(await outcome(visitor().account.requestPasswordReset({ email: `ip-y-${Date.now()}@shop.example`, locale: "en" }))).toBe("OK");
  });
});
