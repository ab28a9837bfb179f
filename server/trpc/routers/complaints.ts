import { z } from "zod";
import {
  answerComplaintSchema,
  complaintListSchema,
  complaintNoSchema,
  consumerAccessSchema,
  consumerMessageSchema,
  refundComplaintSchema,
  rejectComplaintSchema,
} from "@/server/domain/complaint-schema";
import { can } from "@/server/domain/permissions";
import { answerComplaint } from "@/server/services/complaints/answer-complaint";
import { acceptComplaintAnswer, addConsumerMessage, disagreeWithComplaint, getConsumerComplaint } from "@/server/services/complaints/consumer-complaint";
import { getComplaint } from "@/server/services/complaints/get-complaint";
import { listComplaints } from "@/server/services/complaints/list-complaints";
import type { ComplaintStaff } from "@/server/services/complaints/load-complaint";
import { refundComplaint } from "@/server/services/complaints/refund-complaint";
import { rejectComplaint } from "@/server/services/complaints/reject-complaint";
import { merchantProcedure, publicProcedure, router } from "../procedures";

const staff = (ctx: { merchant: { id: string }; user: { id: string }; ip: string | null }): ComplaintStaff => ({ merchantId: ctx.merchant.id, userId: ctx.user.id, ip: ctx.ip });

/**
 * Consumer complaints (申诉) in the merchant console (complaints.read / complaints.manage, scoped to the
 * merchant), and the consumer's follow-up page (public: the complaint number and its view token).
 */
export const complaintsRouter = router({
  list: merchantProcedure("complaints.read")
    .input(complaintListSchema)
    .query(async ({ ctx, input }) => ({ ...(await listComplaints({ merchantId: ctx.merchant.id, ...input })), mayManage: can(ctx.role, "complaints.manage") })),
  get: merchantProcedure("complaints.read")
    .input(z.object({ complaintNo: complaintNoSchema }))
    .query(async ({ ctx, input }) => ({ ...(await getComplaint(staff(ctx), input.complaintNo)), mayManage: can(ctx.role, "complaints.manage") })),
  answer: merchantProcedure("complaints.manage")
    .input(answerComplaintSchema)
    .mutation(({ ctx, input }) => answerComplaint(staff(ctx), input)),
  refund: merchantProcedure("complaints.manage")
    .input(refundComplaintSchema)
    .mutation(({ ctx, input }) => refundComplaint(staff(ctx), input)),
  reject: merchantProcedure("complaints.manage")
    .input(rejectComplaintSchema)
    .mutation(({ ctx, input }) => rejectComplaint(staff(ctx), input)),

  // the consumer's follow-up page: no sign-in, the link's token is the key
  view: publicProcedure.input(consumerAccessSchema).query(({ input }) => getConsumerComplaint(input)),
  reply: publicProcedure.input(consumerMessageSchema).mutation(({ input }) => addConsumerMessage(input)),
  accept: publicProcedure.input(consumerAccessSchema).mutation(({ input }) => acceptComplaintAnswer(input)),
  disagree: publicProcedure.input(consumerMessageSchema).mutation(({ input }) => disagreeWithComplaint(input)),
});
