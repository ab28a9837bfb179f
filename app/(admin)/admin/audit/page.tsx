import { getTranslations } from "next-intl/server";
import { AUDIT_ACTION_GROUPS, AuditTable } from "@/components/audit/audit-table";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { Pagination } from "@/components/shell/pagination";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { orInterrupt } from "@/server/auth/guards";
import { pagingSchema } from "@/server/domain/paging";
import { serverCaller } from "@/server/trpc/server";

type Search = { page?: string; mchNo?: string; action?: string; actorEmail?: string };

// /admin/audit – the audit log across merchants
export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { page, pageSize } = pagingSchema.catch({ page: 1, pageSize: 20 }).parse({ page: search.page });
  const filter = { mchNo: search.mchNo?.trim() || undefined, action: search.action?.trim() || undefined, actorEmail: search.actorEmail?.trim() || undefined };
  const caller = await serverCaller();
  const data = await orInterrupt(caller.admin.auditLogs({ ...filter, page, pageSize }).catch(() => caller.admin.auditLogs({ page: 1, pageSize })), "/admin/audit");
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-2xl">{t("auditLog.adminTitle")}</CardTitle>
          <CardDescription>{t("auditLog.adminDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <FilterBar path="/admin/audit">
            <FilterInput name="mchNo" label={t("admin.mchNo")} defaultValue={filter.mchNo} placeholder="M10000001" />
            <FilterSelect
              name="action"
              label={t("auditLog.action")}
              defaultValue={filter.action}
              options={[{ value: "", label: t("filters.all") }, ...AUDIT_ACTION_GROUPS.map((g) => ({ value: `${g}.`, label: t(`auditLog.groups.${g}`) }))]}
            />
            <FilterInput name="actorEmail" label={t("auditLog.actor")} defaultValue={filter.actorEmail} placeholder="name@example.com" />
          </FilterBar>
          <AuditTable rows={data.rows} showMerchant />
          <Pagination path="/admin/audit" query={filter} page={page} pageSize={pageSize} total={data.total} />
        </CardContent>
      </Card>
    </div>
  );
}
