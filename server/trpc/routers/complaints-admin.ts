import { z } from "zod";
import { answerComplaintSchema, complaintListSchema, complaintNoSchema, refundComplaintSchema, rejectComplaintSchema } from "@/server/domain/complaint-schema";
import { answerComplaint } from "@/server/services/complaints/answer-complaint";
import { getComplaint } from "@/server/services/complaints/get-complaint";
import { listComplaints } from "@/server/services/complaints/list-complaints";
import type { ComplaintStaff } from "@/server/services/complaints/load-complaint";
import { refundComplaint } from "@/server/services/complaints/refund-complaint";
import { rejectComplaint } from "@/server/services/complaints/reject-complaint";
import { adminProcedure, router } from "../procedures";

const operator = (ctx: { user: { id: string }; ip: string | null }): ComplaintStaff => ({ merchantId: null, userId: ctx.user.id, ip: ctx.ip });

/** Operators (/admin/complaints): every merchant's complaints, escalated ones first in the queue; answer, refund on the merchant's behalf, or reject. */
export const complaintsAdminRouter = router({
  list: adminProcedure.input(complaintListSchema).query(({ input }) => listComplaints({ merchantId: null, ...input })),
  get: adminProcedure.input(z.object({ complaintNo: complaintNoSchema })).query(({ ctx, input }) => getComplaint(operator(ctx), input.complaintNo)),
  answer: adminProcedure.input(answerComplaintSchema).mutation(({ ctx, input }) => answerComplaint(operator(ctx), input)),
  refund: adminProcedure.input(refundComplaintSchema).mutation(({ ctx, input }) => refundComplaint(operator(ctx), input)),
  reject: adminProcedure.input(rejectComplaintSchema).mutation(({ ctx, input }) => rejectComplaint(operator(ctx), input)),
});
