import { hashPassword } from "@/server/auth/password";
import { db, type Tx } from "@/server/db";
import { AppError } from "@/server/errors";
import { hashResetToken } from "./password-reset-token";

const invalid = () => new AppError("NOT_FOUND", "resetLinkInvalid");

/** Where a reset link stands, for its page: usable, or not (unknown, used, expired — told apart to nobody). */
export async function getPasswordReset(token: string, now = new Date()): Promise<{ state: "open" | "invalid" }> {
  const reset = await db.passwordReset.findUnique({ where: { tokenHash: hashResetToken(token) }, select: { userId: true, usedAt: true, expiresAt: true } });
  return { state: reset?.userId && !reset.usedAt && reset.expiresAt > now ? "open" : "invalid" };
}

/** Ends every open reset link of a user: after a reset, and whenever the password changes another way. */
export async function invalidatePasswordResets(tx: Tx, userId: string, now = new Date()): Promise<void> {
  await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
}

/**
 * Sets a new password through a reset link: once (the link is marked used by a compare-and-set, so two tabs cannot
 * both use it), within its 30 minutes; every other open link of the user ends with it. Answers the e-mail, so the
 * page can sign the person in.
 */
export async function resetPassword({ token, password, now = new Date() }: { token: string; password: string; now?: Date }): Promise<{ email: string }> {
  const reset = await db.passwordReset.findUnique({ where: { tokenHash: hashResetToken(token) }, select: { id: true, userId: true, usedAt: true, expiresAt: true } });
  if (!reset?.userId || reset.usedAt || reset.expiresAt <= now) throw invalid();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const taken = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (taken.count !== 1) throw invalid();
    const user = await tx.user.update({ where: { id: reset.userId! }, data: { passwordHash }, select: { id: true, email: true } });
    await invalidatePasswordResets(tx, user.id, now);
    return { email: user.email };
  });
}
