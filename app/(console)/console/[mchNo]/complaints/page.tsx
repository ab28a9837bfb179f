import { getTranslations } from "next-intl/server";
import { flatParams } from "@/components/console/query-params";
import { ComplaintQueue } from "@/components/complaints/complaint-queue";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { complaintListSchema } from "@/server/domain/complaint-schema";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// /console/[mchNo]/complaints – consumer complaints (申诉): the queue by status, each answer deadline counting down
export default async function ComplaintsPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const raw = flatParams(await searchParams);
  const parsed = complaintListSchema.safeParse({ status: raw.status, cursor: raw.cursor });
  const filters = parsed.success ? parsed.data : complaintListSchema.parse({});
  const path = `/console/${mchNo}/complaints`;
  const page = await orInterrupt((await serverCaller()).complaints.list({ mchNo, ...filters }), path);
  const t = await getTranslations("complaints.console");
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <ComplaintQueue page={page} path={path} status={filters.status} params={raw} />
    </div>
  );
}
