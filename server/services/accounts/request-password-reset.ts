import { createTranslator } from "next-intl";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { loadEnv } from "@/server/env";
import en from "@/server/i18n/messages/en.json";
import zh from "@/server/i18n/messages/zh-CN.json";
import type { Locale } from "@/server/i18n/locales";
import { sendAccountMail } from "@/server/services/mail/send-account-mail";
import { hashResetToken, newResetToken, PASSWORD_RESET_TTL_MS, RATE_WINDOW_MS, RESETS_PER_EMAIL, RESETS_PER_IP } from "./password-reset-token";

export type RequestPasswordResetOptions = { email: string; ip: string | null; locale: Locale; now?: Date };

/**
 * "Forgot password": e-mails a single-use link valid for 30 minutes to the account with this e-mail. The answer is
 * the same whether or not there is such an account (no enumeration); every request is recorded, so requests are
 * limited per e-mail and per IP whether the e-mail is known or not (RATE_LIMITED tells nothing about the account).
 */
export async function requestPasswordReset({ email, ip, locale, now = new Date() }: RequestPasswordResetOptions): Promise<{ sent: true }> {
  const since = new Date(now.getTime() - RATE_WINDOW_MS);
  const [perEmail, perIp] = await Promise.all([
    db.passwordReset.count({ where: { email, createdAt: { gt: since } } }),
    ip ? db.passwordReset.count({ where: { ip, createdAt: { gt: since } } }) : 0,
  ]);
  if (perEmail >= RESETS_PER_EMAIL || perIp >= RESETS_PER_IP) {
    throw new AppError("RATE_LIMITED", "too many password reset requests; try again later", { retryAfter: RATE_WINDOW_MS / 1000 });
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, disabledAt: true, locale: true } });
  const usable = user && !user.disabledAt ? user : null;
  const token = usable ? newResetToken() : null;
  await db.passwordReset.create({
    data: {
      email,
      ip,
      userId: usable?.id ?? null,
      tokenHash: token ? hashResetToken(token) : null,
      expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
      createdAt: now,
    },
  });
  if (usable && token) {
    const mailLocale = usable.locale === "en" || usable.locale === "zh-CN" ? usable.locale : locale;
    const t = createTranslator({ locale: mailLocale, messages: mailLocale === "en" ? en : zh, namespace: "passwordReset.mail" });
    const link = `${loadEnv().PUBLIC_BASE_URL}/reset-password/${token}`;
    await sendAccountMail({ to: email, subject: t("subject"), text: t("body", { link, minutes: PASSWORD_RESET_TTL_MS / 60_000 }), link });
  }
  return { sent: true };
}
