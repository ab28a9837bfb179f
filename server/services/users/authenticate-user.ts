import { z } from "zod";
import { dummyPasswordHash, verifyPassword } from "@/server/auth/password";
import { db } from "@/server/db";

export const credentialsSchema = z.object({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(256),
});

export type AuthenticatedUser = { id: string; email: string; name: string; platformRole: "ADMIN" | null };

/** Email + password sign-in. Answers null for any failure, without saying which part was wrong. */
export async function authenticateUser(input: unknown): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  if (!user || user.disabledAt) {
    await verifyPassword(await dummyPasswordHash(), parsed.data.password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, parsed.data.password))) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, platformRole: user.platformRole };
}
