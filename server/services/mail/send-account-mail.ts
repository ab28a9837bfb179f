import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { loadEnv } from "@/server/env";
import { logger } from "@/server/observability/logger";

export type AccountMail = { to: string; subject: string; text: string; /** The one link of the mail, for the dev log. */ link: string };

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/**
 * An e-mail to a person about their account (a password reset link) through the SMTP server the alerts use
 * (SMTP_URL, SMTP_FROM). Without SMTP_URL — development — the link is written to the log (and to MAIL_OUTBOX_FILE
 * when set, the mailbox the end-to-end suite reads). A failure is logged and swallowed: the visitor's answer must not
 * tell whether a mail was sent (no account enumeration).
 */
export async function sendAccountMail(mail: AccountMail): Promise<void> {
  const env = loadEnv();
  if (!env.SMTP_URL) {
    logger.warn({ to: mail.to, subject: mail.subject, link: mail.link }, "SMTP_URL is not set: account e-mail not sent, its link is here");
    if (env.MAIL_OUTBOX_FILE) {
      await mkdir(path.dirname(env.MAIL_OUTBOX_FILE), { recursive: true });
      await appendFile(env.MAIL_OUTBOX_FILE, `${JSON.stringify({ ...mail, at: new Date().toISOString() })}\n`);
    }
    return;
  }
  try {
    await transporterFor(env.SMTP_URL).sendMail({ from: env.SMTP_FROM, to: mail.to, subject: mail.subject, text: mail.text });
  } catch (error) {
    logger.error({ to: mail.to, err: (error as Error).message }, "account e-mail could not be sent");
  }
}
