import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { channelName } from "@/components/channels/channel-name";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { Pagination } from "@/components/shell/pagination";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orInterrupt } from "@/server/auth/guards";
import { CHANNEL_CODES, isChannelCode } from "@/server/domain/channel-codes";
import { pagingSchema } from "@/server/domain/paging";
import { FAILED_RESULTS } from "@/server/services/admin/list-failed-callbacks";
import { serverCaller } from "@/server/trpc/server";
import { knownMessage } from "@/server/i18n/known-message";

type Search = { page?: string; result?: string; channel?: string; mchNo?: string; from?: string; to?: string };

function filterFrom(search: Search) {
  const day = (value: string | undefined, offsetDays = 0) => {
    if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
    // Dates are picked in China Standard Time (UTC+8).
    const date = new Date(`${value}T00:00:00+08:00`);
    return Number.isNaN(date.getTime()) ? undefined : new Date(date.getTime() + offsetDays * 86_400_000);
  };
  return {
    result: (FAILED_RESULTS as readonly string[]).includes(search.result ?? "") ? (search.result as (typeof FAILED_RESULTS)[number]) : undefined,
    channel: isChannelCode(search.channel) ? search.channel : undefined,
    mchNo: /^[A-Za-z0-9]{1,32}$/.test(search.mchNo?.trim() ?? "") ? search.mchNo?.trim() : undefined,
    from: day(search.from),
    to: day(search.to, 1),
  };
}

// /admin/callbacks – channel callbacks that failed verification or amount checks, across merchants
export default async function FailedCallbacksPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { page, pageSize } = pagingSchema.catch({ page: 1, pageSize: 20 }).parse({ page: search.page });
  const filter = filterFrom(search);
  const caller = await serverCaller();
  const data = await orInterrupt(caller.admin.failedCallbacks({ ...filter, page, pageSize }), "/admin/callbacks");
  const [t, tc] = await Promise.all([getTranslations(), getTranslations("channel")]);
  const format = await getFormatter();
  const query = { result: filter.result, channel: filter.channel, mchNo: filter.mchNo, from: search.from, to: search.to };
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-2xl">{t("callbacks.title")}</CardTitle>
          <CardDescription>{t("callbacks.description")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <FilterBar path="/admin/callbacks">
            <FilterSelect
              name="result"
              label={t("callbacks.result")}
              defaultValue={filter.result}
              options={[{ value: "", label: t("filters.all") }, ...FAILED_RESULTS.map((r) => ({ value: r, label: t(`callbacks.results.${r}`) }))]}
            />
            <FilterSelect
              name="channel"
              label={t("callbacks.channel")}
              defaultValue={filter.channel}
              options={[{ value: "", label: t("filters.all") }, ...CHANNEL_CODES.map((c) => ({ value: c, label: channelName(tc, c) }))]}
            />
            <FilterInput name="mchNo" label={t("admin.mchNo")} defaultValue={filter.mchNo} placeholder="M10000001" />
            <FilterInput name="from" type="date" label={t("filters.from")} defaultValue={search.from} />
            <FilterInput name="to" type="date" label={t("filters.to")} defaultValue={search.to} />
          </FilterBar>
          {data.rows.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("callbacks.empty")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("callbacks.receivedAt")}</TableHead>
                  <TableHead>{t("callbacks.channel")}</TableHead>
                  <TableHead>{t("admin.mchNo")}</TableHead>
                  <TableHead>{t("callbacks.kind")}</TableHead>
                  <TableHead>{t("callbacks.result")}</TableHead>
                  <TableHead>{t("callbacks.detail")}</TableHead>
                  <TableHead />
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((row) => (
                  <TableRow key={row.id} data-testid="callback-row">
                    <TableCell className="whitespace-nowrap text-sm">{format.dateTime(row.receivedAt, { dateStyle: "short", timeStyle: "medium" })}</TableCell>
                    <TableCell>{channelName(tc, row.channel)}</TableCell>
                    <TableCell className="font-mono text-xs">{row.mchNo ?? "—"}</TableCell>
                    <TableCell className="text-xs">{t(`callbacks.kinds.${row.kind}`)}</TableCell>
                    <TableCell>
                      <Badge variant="destructive">{knownMessage(t, `callbacks.results.${row.result}`, row.result)}</Badge>
                    </TableCell>
                    <TableCell className="max-w-64 truncate text-xs text-muted-foreground" title={row.resultDetail ?? ""}>
                      {row.resultDetail ?? row.attemptNo ?? row.refundNo ?? "—"}
                    </TableCell>
                    <TableCell className="text-right">
                      <Link href={`/admin/callbacks/${row.id}`} className="text-sm text-primary hover:underline">
                        {t("callbacks.viewRaw")}
                      </Link>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Pagination path="/admin/callbacks" query={query} page={page} pageSize={pageSize} total={data.total} />
        </CardContent>
      </Card>
    </div>
  );
}
