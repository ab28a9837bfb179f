import { getTranslations } from "next-intl/server";
import { flatParams } from "@/components/console/query-params";
import { ComplaintQueue } from "@/components/complaints/complaint-queue";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { complaintListSchema } from "@/server/domain/complaint-schema";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /admin/complaints – operators' arbitration queue: escalated complaints first (the default tab), every merchant's
export default async function AdminComplaintsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = flatParams(await searchParams);
  const status = raw.status === "all" ? undefined : (raw.status ?? "ESCALATED");
  const parsed = complaintListSchema.safeParse({ status, cursor: raw.cursor });
  const filters = parsed.success ? parsed.data : complaintListSchema.parse({ status: "ESCALATED" });
  const path = "/admin/complaints";
  const page = await orInterrupt((await serverCaller()).complaintsAdmin.list(filters), path);
  const t = await getTranslations("complaintsAdmin");
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <ComplaintQueue page={page} path={path} status={filters.status} params={{ ...raw, status: filters.status ?? "all" }} showMerchant allParam="all" />
    </div>
  );
}
