import { z } from "zod";
import { defineJob } from "../define-job";

/** Every minute: complaints unanswered past their SLA go to the operators (a compare-and-set per complaint). */
export const escalateComplaintsJob = defineJob({
  name: "escalate-overdue-complaints",
  payload: z.object({}).passthrough(),
  cron: "* * * * *",
  cronQueueName: "complaint-sla",
  maxAttempts: 3,
  run: async () => {
    const { escalateOverdueComplaints } = await import("@/server/services/complaints/escalate-overdue-complaints");
    await escalateOverdueComplaints();
  },
});
