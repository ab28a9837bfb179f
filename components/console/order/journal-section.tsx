import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import { knownMessage } from "@/server/i18n/known-message";
import { Empty, Section } from "./section";
import type { PayOrderDetail } from "./types";

const KINDS = ["payment", "refund", "duplicate_refund"] as const;
const isKnownKind = (kind: string): kind is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(kind);

/** The order's journal entries with their postings: debits positive, credits negative, each entry summing to zero. */
export async function JournalSection({ entries }: { entries: NonNullable<PayOrderDetail["entries"]> }) {
  const [t, tl, locale, format] = await Promise.all([getTranslations("orderDetail"), getTranslations("ledger"), getLocale(), getFormatter()]);
  return (
    <Section title={t("journal")} testId="order-journal">
      {entries.length === 0 ? (
        <Empty>{t("noJournal")}</Empty>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("entryKind")}</TableHead>
              <TableHead>{t("account")}</TableHead>
              <TableHead className="text-right">{t("debit")}</TableHead>
              <TableHead className="text-right">{t("credit")}</TableHead>
              <TableHead>{t("occurredAt")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.flatMap((entry) =>
              entry.postings.map((posting, i) => (
                <TableRow key={`${entry.id}-${posting.id}`} className={i === 0 ? "border-t-2" : undefined}>
                  <TableCell className="text-xs">{i === 0 ? <span className="font-medium">{isKnownKind(entry.kind) ? t(`kind_${entry.kind}`) : knownMessage(tl, `kinds.${entry.kind}`, entry.kind)}</span> : null}</TableCell>
                  <TableCell className="text-xs">{t(`account_${posting.account.type}`)}</TableCell>
                  <TableCell className="text-right tabular-nums">{posting.amount > 0n ? formatMoney(posting.amount, posting.currency, locale) : ""}</TableCell>
                  <TableCell className="text-right tabular-nums">{posting.amount < 0n ? formatMoney(-posting.amount, posting.currency, locale) : ""}</TableCell>
                  <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
                    {i === 0 ? format.dateTime(entry.occurredAt, { dateStyle: "short", timeStyle: "medium" }) : null}
                  </TableCell>
                </TableRow>
              )),
            )}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
