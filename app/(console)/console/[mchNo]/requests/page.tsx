import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { flatParams, withParams } from "@/components/console/query-params";
import { RequestLogTable } from "@/components/request-logs/request-log-table";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { PageHeader } from "@/components/shell/page-header";
import { cn } from "@/components/ui/cn";
import { orInterrupt } from "@/server/auth/guards";
import { requestLogFiltersSchema, STATUS_CLASSES } from "@/server/domain/request-log-filters";
import { loadEnv } from "@/server/env";
import { serverCaller } from "@/server/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The query string's filters that make sense; the others are dropped (a hand-edited URL never fails the page). */
function filtersOf(raw: Record<string, string | undefined>) {
  const filters: Record<string, string> = {};
  for (const key of ["appId", "statusClass", "path", "q", "before"] as const) {
    const value = raw[key]?.trim();
    if (!value) continue;
    const one = requestLogFiltersSchema.shape[key].safeParse(value);
    if (one.success && one.data !== undefined) filters[key] = one.data;
  }
  return requestLogFiltersSchema.parse(filters);
}

// /console/[mchNo]/requests – an app's Open API request log: filters, search by request id / Idempotency-Key (OWNER, DEVELOPER)
export default async function RequestLogsPage({ params, searchParams }: { params: Promise<{ mchNo: string }>; searchParams: SearchParams }) {
  const { mchNo } = await params;
  const path = `/console/${mchNo}/requests`;
  const filters = filtersOf(flatParams(await searchParams));
  const caller = await serverCaller();
  const listing = await orInterrupt(caller.requestLogs.list({ mchNo, ...filters }), path);
  const t = await getTranslations("developerTools.requestLogs");
  const app = listing.app;
  const current = { ...filters, appId: app?.id, before: undefined };

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description", { days: loadEnv().REQUEST_LOG_DAYS })} />
      {!app ? (
        <p className="text-sm text-muted-foreground">{t("noApps")}</p>
      ) : (
        <>
          <nav className="flex flex-wrap gap-2" aria-label={t("app")}>
            {listing.apps.map((a) => (
              <Link
                key={a.id}
                href={`${path}${withParams({}, { appId: a.id })}`}
                aria-current={a.id === app.id ? "page" : undefined}
                className={cn("rounded-md border px-3 py-1.5 text-sm", a.id === app.id ? "border-primary bg-primary/5 font-medium" : "hover:bg-accent")}
              >
                {a.name} <span className="text-xs text-muted-foreground">{a.mode}</span>
              </Link>
            ))}
          </nav>
          <FilterBar path={path}>
            <input type="hidden" name="appId" value={app.id} />
            <FilterSelect
              name="statusClass"
              label={t("statusClass")}
              defaultValue={filters.statusClass ?? ""}
              options={[{ value: "", label: t("allStatuses") }, ...STATUS_CLASSES.map((c) => ({ value: c, label: c }))]}
            />
            <FilterInput name="path" label={t("path")} placeholder={t("pathPlaceholder")} defaultValue={filters.path ?? ""} />
            <FilterInput name="q" label={t("search")} placeholder={t("searchPlaceholder")} defaultValue={filters.q ?? ""} className="w-72" data-testid="request-log-search" />
          </FilterBar>
          {/* key: new filters start a new query with its own first page */}
          <RequestLogTable key={JSON.stringify(filters)} mchNo={mchNo} filters={{ ...filters, appId: app.id }} initial={listing} />
          <div className="flex justify-end gap-2 text-sm">
            {filters.before && (
              <Link href={`${path}${withParams(current, {})}`} className="rounded-md border px-3 py-1.5 hover:bg-accent">
                {t("newest")}
              </Link>
            )}
            {listing.nextBefore && (
              <Link href={`${path}${withParams(current, { before: listing.nextBefore })}`} className="rounded-md border px-3 py-1.5 hover:bg-accent" rel="next">
                {t("older")}
              </Link>
            )}
          </div>
        </>
      )}
    </div>
  );
}
