import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import type { signUpSchema } from "@/server/domain/account-schema";
import { AppError } from "@/server/errors";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import type { z } from "zod";
import { allocateMchNo } from "./allocate-mch-no";

export type SignUpOptions = { values: z.output<typeof signUpSchema>; ip: string | null };

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

/**
 * A visitor signs up: a user, a DRAFT merchant named after their company, and the user as its
 * OWNER, in one transaction with its audit entries. An email already registered is a field error.
 */
export async function signUp({ values, ip }: SignUpOptions): Promise<{ userId: string; mchNo: string }> {
  const taken = () => new AppError("CONFLICT", "this email is already registered", { field: "email" });
  if (await db.user.findUnique({ where: { email: values.email }, select: { id: true } })) throw taken();
  const passwordHash = await hashPassword(values.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: values.email, name: values.email.split("@")[0].slice(0, 50), passwordHash },
      });
      const mchNo = await allocateMchNo(tx);
      const merchant = await tx.merchant.create({ data: { mchNo, name: values.companyName, status: "DRAFT" } });
      const membership = await tx.membership.create({ data: { userId: user.id, merchantId: merchant.id, role: "OWNER" } });
      const actor: AuditActor = { type: "USER", id: user.id, ip };
      await recordAudit(tx, actor, {
        merchantId: merchant.id,
        action: "merchant.created",
        targetType: "merchant",
        targetId: merchant.id,
        after: { mchNo, name: merchant.name, status: merchant.status },
      });
      await recordAudit(tx, actor, {
        merchantId: merchant.id,
        action: "member.joined",
        targetType: "membership",
        targetId: membership.id,
        after: { email: user.email, role: "OWNER" },
      });
      return { userId: user.id, mchNo };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
