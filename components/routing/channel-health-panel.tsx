import { useTranslations } from "next-intl";
import { channelName } from "@/components/channels/channel-name";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AccountHealth, HealthWindow } from "@/server/services/routing/channel-health";

const BREAKER_VARIANT = { closed: "success", half_open: "warning", open: "destructive" } as const;

function Cells({ window, t }: { window: HealthWindow; t: ReturnType<typeof useTranslations<"routing">> }) {
  return (
    <>
      <TableCell className="text-right tabular-nums">{window.attempts}</TableCell>
      <TableCell className="text-right tabular-nums">{window.successRate === null ? t("noData") : `${(window.successRate / 10).toFixed(1)}%`}</TableCell>
      <TableCell className="text-right tabular-nums">{window.p95LatencyMs === null ? t("noData") : t("ms", { value: window.p95LatencyMs })}</TableCell>
      <TableCell className="text-right tabular-nums">{window.errors}</TableCell>
    </>
  );
}

/** Per channel account: success rate, p95 latency and errors over the last hour and day, and its circuit breaker. */
export function ChannelHealthPanel({ health }: { health: AccountHealth[] }) {
  const t = useTranslations("routing");
  const tc = useTranslations("channel");
  return (
    <Table data-testid="channel-health">
      <TableHeader>
        <TableRow>
          <TableHead rowSpan={2}>{t("account")}</TableHead>
          <TableHead rowSpan={2}>{t("breaker")}</TableHead>
          <TableHead colSpan={4} className="text-center">{t("lastHour")}</TableHead>
          <TableHead colSpan={4} className="text-center">{t("lastDay")}</TableHead>
        </TableRow>
        <TableRow>
          {[0, 1].map((i) => (
            <TableHeadGroup key={i} t={t} />
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {health.map((a) => (
          <TableRow key={a.accountId}>
            <TableCell>
              <div className="font-medium">{a.name}</div>
              <div className="text-xs text-muted-foreground">
                {channelName(tc, a.channel)}
                {!a.enabled && ` · ${t("accountDisabled")}`}
              </div>
            </TableCell>
            <TableCell>
              <Badge variant={BREAKER_VARIANT[a.breaker]}>{t(`breakerStates.${a.breaker}`)}</Badge>
              {a.openModes.length > 0 && <div className="text-xs text-muted-foreground">{a.openModes.join(" · ")}</div>}
            </TableCell>
            <Cells window={a.lastHour} t={t} />
            <Cells window={a.lastDay} t={t} />
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function TableHeadGroup({ t }: { t: ReturnType<typeof useTranslations<"routing">> }) {
  return (
    <>
      <TableHead className="text-right">{t("attempts")}</TableHead>
      <TableHead className="text-right">{t("successRate")}</TableHead>
      <TableHead className="text-right">{t("p95")}</TableHead>
      <TableHead className="text-right">{t("errorsCount")}</TableHead>
    </>
  );
}
