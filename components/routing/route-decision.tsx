import { useTranslations } from "next-intl";
import { channelMessage } from "@/server/i18n/channel-message";
import { channelName } from "@/components/channels/channel-name";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RouteDecision as Decision, ScoredCandidate } from "@/server/domain/routing/types";

type Strategy = NonNullable<Decision["rule"]>["strategy"];

function isDecision(value: unknown): value is Decision {
  return !!value && typeof value === "object" && (value as { version?: unknown }).version === 1 && Array.isArray((value as Decision).candidates);
}

/**
 * A stored routing decision (Payment.routeDecision / Order.routeDecision), readable: the matched
 * rule, the candidates with their scores and why some were skipped, the chosen account and why.
 * Renders on the server or the client (no hooks but translations); nothing for a missing decision.
 */
export function RouteDecision({ decision, compact = false }: { decision: unknown; compact?: boolean }) {
  const t = useTranslations("routing.decision");
  const tc = useTranslations("channel");
  const tMessage = useTranslations("channelMessages");
  if (!isDecision(decision)) return null;
  const names = new Map(decision.candidates.map((c) => [c.accountId, c.name]));
  const strategy = decision.rule?.strategy;
  const score = (c: ScoredCandidate) => {
    if (c.score === null || !strategy || strategy === "fixed") return t("scoreStrategy.fixed");
    const value = strategy === "best_success_rate" ? `${(c.score / 10).toFixed(1)}%` : strategy === "weighted" ? String(c.score) : `¥${(c.score / 100).toFixed(2)}`;
    return t(`scoreStrategy.${strategy as Strategy}`, { value });
  };
  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="route-decision">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <span>
          <span className="mr-1.5 text-muted-foreground">{t("rule")}</span>
          {decision.rule ? (
            <>
              <span className="font-medium">{decision.rule.name}</span>
              {decision.rule.isDefault && <span className="text-muted-foreground"> ({t("defaultRule")})</span>}
            </>
          ) : (
            t("noRule")
          )}
        </span>
        <span>
          <span className="mr-1.5 text-muted-foreground">{t("chosen")}</span>
          {decision.chosen ? (
            <span className="font-medium" data-testid="route-decision-chosen">
              {decision.chosen.name} · {channelName(tc, decision.chosen.channel)} · {decision.chosen.mode}
            </span>
          ) : (
            <span className="text-destructive">{t("none")}</span>
          )}
        </span>
        <span>
          <span className="mr-1.5 text-muted-foreground">{t("why")}</span>
          {t(`reasons.${decision.reason}`)}
        </span>
      </div>
      {decision.requestedChannel && <p className="text-muted-foreground">{t("requestedChannel", { channel: channelName(tc, decision.requestedChannel) })}</p>}
      {decision.failover && (
        <p className="text-warning-foreground">
          {t("failover", { account: names.get(decision.failover.fromAccountId) ?? decision.failover.fromAccountId, error: channelMessage(tMessage, decision.failover.error) })}
        </p>
      )}
      {decision.skippedRules.length > 0 && <p className="text-muted-foreground">{t("skipped", { rules: decision.skippedRules.map((r) => r.name).join("、") })}</p>}
      {!compact && decision.candidates.length > 0 && (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("candidates")}</TableHead>
              <TableHead>{t("score")}</TableHead>
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {decision.candidates.map((c) => (
              <TableRow key={c.accountId}>
                <TableCell>
                  <span className={c.excluded ? "text-muted-foreground line-through" : "font-medium"}>{c.name || c.accountId}</span>
                  {c.channel && <span className="text-xs text-muted-foreground"> · {channelName(tc, c.channel)}</span>}
                </TableCell>
                <TableCell className="tabular-nums">
                  {score(c)}
                  {c.samples !== undefined && <span className="text-xs text-muted-foreground"> ({t("samples", { count: c.samples })})</span>}
                </TableCell>
                <TableCell>
                  {decision.chosen?.accountId === c.accountId && <Badge variant="success">{t("chosen")}</Badge>}
                  {c.excluded && <Badge variant="outline">{t(`excluded.${c.excluded}`)}</Badge>}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
