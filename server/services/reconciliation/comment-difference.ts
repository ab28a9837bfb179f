import { db } from "@/server/db";
import { recordAudit } from "@/server/services/audit/record-audit";
import { differenceOf, type ReconActor } from "./difference-access";

/**
 * A comment on a difference (what finance found out, asked the channel, decided). Resolved ones take
 * comments too: the record stays open to notes. Audited as recon_difference.commented.
 */
export async function commentDifference(merchantId: string, differenceId: string, body: string, by: ReconActor) {
  return db.$transaction(async (tx) => {
    await differenceOf(tx, merchantId, differenceId);
    const comment = await tx.reconComment.create({ data: { differenceId, authorId: by.id, body } });
    await recordAudit(tx, by.actor, {
      merchantId,
      action: "recon_difference.commented",
      targetType: "recon_difference",
      targetId: differenceId,
      after: { commentId: comment.id, body },
    });
    return comment;
  });
}
