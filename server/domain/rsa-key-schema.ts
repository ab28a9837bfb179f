import { z } from "zod";

/**
 * The RSA key form (console): a PEM public key pasted or read from a file. The shape only, so the form
 * can use it in the browser; the key itself is checked on the server (server/domain/rsa-signature.ts),
 * whose refusals come back as field errors with the message keys of `developer.rsaErrors.*`.
 */
export const rsaKeyInputSchema = z.object({
  publicKey: z.string().trim().min(1, { error: "required" }).max(8_192, { error: "tooLong" }),
});

export type RsaKeyInput = z.input<typeof rsaKeyInputSchema>;
