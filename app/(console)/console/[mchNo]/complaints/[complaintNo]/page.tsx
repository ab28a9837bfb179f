import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ComplaintDetail } from "@/components/complaints/complaint-detail";
import { orInterrupt } from "@/server/auth/guards";
import { isComplaintNo } from "@/server/domain/complaint-schema";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/complaints/[complaintNo] – one complaint: the payment, photos, the conversation; answer, refund or reject
export default async function ComplaintPage({ params }: { params: Promise<{ mchNo: string; complaintNo: string }> }) {
  const { mchNo, complaintNo } = await params;
  if (!isComplaintNo(complaintNo)) notFound();
  const path = `/console/${mchNo}/complaints`;
  const complaint = await orInterrupt((await serverCaller()).complaints.get({ mchNo, complaintNo }), `${path}/${complaintNo}`);
  const t = await getTranslations("complaints.console");
  return <ComplaintDetail complaint={complaint} scope={{ kind: "merchant", mchNo }} mayManage={complaint.mayManage} backHref={path} backLabel={t("back")} />;
}
