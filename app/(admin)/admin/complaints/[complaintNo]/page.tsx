import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ComplaintDetail } from "@/components/complaints/complaint-detail";
import { orInterrupt } from "@/server/auth/guards";
import { isComplaintNo } from "@/server/domain/complaint-schema";
import { serverCaller } from "@/server/trpc/server";

// /admin/complaints/[complaintNo] – an operator answers, refunds on the merchant's behalf, or rejects
export default async function AdminComplaintPage({ params }: { params: Promise<{ complaintNo: string }> }) {
  const { complaintNo } = await params;
  if (!isComplaintNo(complaintNo)) notFound();
  const complaint = await orInterrupt((await serverCaller()).complaintsAdmin.get({ complaintNo }), `/admin/complaints/${complaintNo}`);
  const t = await getTranslations("complaintsAdmin");
  return (
    <>
      <p className="mx-auto mb-4 max-w-5xl text-sm text-muted-foreground">{t("onBehalf")}</p>
      <ComplaintDetail complaint={complaint} scope={{ kind: "admin" }} mayManage backHref="/admin/complaints" backLabel={t("back")} />
    </>
  );
}
