"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ReconMoney } from "@/components/reconciliation/recon-money";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ENTRY_KINDS } from "@/server/domain/ledger";

type LineRef = { mchNo: string; statementNo: string; lineId: string; currency: string };

/** The journal entries a line sums, a page at a time: the proof that the line is the journal's. */
export function LineEntries(line: LineRef) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return (
    <div className="flex flex-col gap-1 py-1" data-testid="line-entries">
      {cursors.map((cursor, i) => (
        <EntriesPage key={cursor ?? "first"} line={line} cursor={cursor} last={i === cursors.length - 1} onMore={(next) => setCursors((c) => [...c, next])} />
      ))}
    </div>
  );
}

function EntriesPage({ line, cursor, last, onMore }: { line: LineRef; cursor: string | undefined; last: boolean; onMore: (cursor: string) => void }) {
  const t = useTranslations("settlement.entries");
  const tKind = useTranslations("ledger.kinds");
  const format = useFormatter();
  const trpc = useTRPC();
  const page = useQuery(trpc.settlement.lineEntries.queryOptions({ mchNo: line.mchNo, statementNo: line.statementNo, lineId: line.lineId, cursor, limit: 50 }));
  if (!page.data) return <p className="text-xs text-muted-foreground">{t("loading")}</p>;
  const next = page.data.nextCursor;
  return (
    <>
      {page.data.items.length === 0 && <p className="text-xs text-muted-foreground">{t("empty")}</p>}
      {page.data.items.map((e) => (
        <div key={e.entryId} className="grid grid-cols-[5rem_9rem_6rem_minmax(0,1fr)_7rem_6rem] gap-2 text-xs" data-testid="line-entry">
          <span className="font-mono text-muted-foreground">#{e.entryId}</span>
          <span className="whitespace-nowrap">{format.dateTime(e.occurredAt, { dateStyle: "short", timeStyle: "medium" })}</span>
          <span>{(ENTRY_KINDS as readonly string[]).includes(e.kind) ? tKind(e.kind as "payment") : e.kind}</span>
          <span className="truncate font-mono" title={e.refundNo ?? e.payOrderNo ?? undefined}>
            {e.refundNo ?? e.payOrderNo ?? e.orderNo ?? "—"}
          </span>
          <span className="text-right">
            <ReconMoney minor={e.amount} currency={line.currency} />
          </span>
          <span className="text-right text-muted-foreground">
            <ReconMoney minor={e.fee} currency={line.currency} />
          </span>
        </div>
      ))}
      {last && next && (
        <Button variant="link" size="sm" className="self-start px-0" onClick={() => onMore(next)}>
          {t("more")}
        </Button>
      )}
    </>
  );
}
