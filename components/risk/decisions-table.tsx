"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RiskActionBadge } from "./risk-badges";
import { useRiskText } from "./risk-text";
import type { RiskDecisionRow } from "@/server/services/risk-console/decisions";

export type DecisionRow = RiskDecisionRow;

/**
 * The decisions log: when, where, what was decided and every rule that hit, in words. `mchNo`: the console (an order
 * links to its page); without it, operators, with a merchant column.
 */
export function RiskDecisionsTable({ rows, mchNo }: { rows: DecisionRow[]; mchNo?: string }) {
  const showMerchant = !mchNo;
  const t = useTranslations("risk");
  const format = useFormatter();
  const text = useRiskText();
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">{t("decisions.empty")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("columns.time")}</TableHead>
          {showMerchant && <TableHead>{t("columns.merchant")}</TableHead>}
          <TableHead>{t("columns.checkpoint")}</TableHead>
          <TableHead>{t("columns.decision")}</TableHead>
          <TableHead>{t("columns.subject")}</TableHead>
          <TableHead>{t("columns.hits")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((d) => (
          <TableRow key={d.id} data-testid="risk-decision-row">
            <TableCell className="whitespace-nowrap text-xs">{format.dateTime(d.createdAt, { dateStyle: "short", timeStyle: "medium" })}</TableCell>
            {showMerchant && <TableCell className="font-mono text-xs">{d.mchNo}</TableCell>}
            <TableCell className="text-xs">{t(`checkpoints.${d.checkpoint}`)}</TableCell>
            <TableCell>
              <RiskActionBadge action={d.action} />
            </TableCell>
            <TableCell className="max-w-48 font-mono text-xs break-all">
              {mchNo && d.orderNo ? (
                <Link href={`/console/${mchNo}/orders/${d.orderNo}`} className="hover:underline">
                  {d.orderNo}
                </Link>
              ) : (
                (d.orderNo ?? d.payOrderNo ?? d.tradeNo ?? d.sourceNo ?? "—")
              )}
            </TableCell>
            <TableCell className="max-w-96 whitespace-normal text-sm">
              {d.hits.length === 0
                ? t("decisions.noHits")
                : d.hits.map((h) => (
                    <div key={h.ruleId} data-testid="risk-hit">
                      <span className="font-medium">{h.ruleName}</span>
                      {h.scope === "platform" && <span className="text-xs text-muted-foreground"> · {t("scope.platform")}</span>}
                      {t("separator")}
                      {text.hit(h)}
                    </div>
                  ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
