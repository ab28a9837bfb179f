import nodemailer, { type Transporter } from "nodemailer";
import type { AlertTargetConfig } from "@/server/domain/alert-rule-schema";
import { loadEnv } from "@/server/env";
import { NotifierError } from "./post-robot";

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/** An alert e-mail through the operator's SMTP server (SMTP_URL, SMTP_FROM): the title as subject, the markdown as plain text. */
export async function sendEmail(config: AlertTargetConfig<"EMAIL">, message: { title: string; text: string }): Promise<void> {
  const env = loadEnv();
  if (!env.SMTP_URL) throw new NotifierError("SMTP_URL is not set: e-mail alerts cannot be sent");
  try {
    await transporterFor(env.SMTP_URL).sendMail({ from: env.SMTP_FROM, to: config.to, subject: message.title, text: message.text });
  } catch (error) {
    throw new NotifierError(`SMTP: ${(error as Error).message}`.slice(0, 300));
  }
}
