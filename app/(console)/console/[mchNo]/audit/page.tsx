import { getTranslations } from "next-intl/server";
import { AUDIT_ACTION_GROUPS, AuditTable } from "@/components/audit/audit-table";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { Pagination } from "@/components/shell/pagination";
import { Card, CardContent } from "@/components/ui/card";
import { orInterrupt } from "@/server/auth/guards";
import { pagingSchema } from "@/server/domain/paging";
import { serverCaller } from "@/server/trpc/server";
import { PageHeader } from "@/components/shell/page-header";

type Search = { page?: string; action?: string; actorEmail?: string };

// /console/[mchNo]/audit – who changed what in this merchant (OWNER)
export default async function AuditPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: Promise<Search> }) {
  const { mchNo } = await params;
  const search = await searchParams;
  const { page, pageSize } = pagingSchema.catch({ page: 1, pageSize: 20 }).parse({ page: search.page });
  const filter = { action: search.action?.trim() || undefined, actorEmail: search.actorEmail?.trim() || undefined };
  const path = `/console/${mchNo}/audit`;
  const caller = await serverCaller();
  const data = await orInterrupt(caller.audit.list({ mchNo, page, pageSize, ...filter }).catch(() => caller.audit.list({ mchNo, page: 1, pageSize })), path);
  const t = await getTranslations("auditLog");
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardContent className="flex flex-col gap-4">
          <FilterBar path={path}>
            <FilterSelect
              name="action"
              label={t("action")}
              defaultValue={filter.action}
              options={[{ value: "", label: t("all") }, ...AUDIT_ACTION_GROUPS.map((g) => ({ value: `${g}.`, label: t(`groups.${g}`) }))]}
            />
            <FilterInput name="actorEmail" label={t("actor")} defaultValue={filter.actorEmail} placeholder="name@example.com" />
          </FilterBar>
          <AuditTable rows={data.rows} />
          <Pagination path={path} query={filter} page={page} pageSize={pageSize} total={data.total} />
        </CardContent>
      </Card>
    </div>
  );
}
