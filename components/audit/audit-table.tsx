import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { AuditDiff } from "./audit-diff";
import { knownMessage } from "@/server/i18n/known-message";

/** Action prefixes to filter by (the dotted verbs of recordAudit: merchant.approved, app.created …). */
export const AUDIT_ACTION_GROUPS = ["merchant", "member", "app", "channel_account", "route_rule", "refund"] as const;

type Row = {
  id: string;
  createdAt: Date;
  actorType: string;
  actor: string | null;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  merchant: { mchNo: string; name: string } | null;
};

/** Audit entries: time, actor, IP, action, target, before/after. `showMerchant` for the operators' view across merchants. */
export async function AuditTable({ rows, showMerchant = false }: { rows: Row[]; showMerchant?: boolean }) {
  const t = await getTranslations("auditLog");
  const format = await getFormatter();
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">{t("empty")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("time")}</TableHead>
          {showMerchant && <TableHead>{t("merchant")}</TableHead>}
          <TableHead>{t("actor")}</TableHead>
          <TableHead>{t("action")}</TableHead>
          <TableHead>{t("target")}</TableHead>
          <TableHead>{t("changes")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="audit-row" className="align-top">
            <TableCell className="text-sm">
              <div className="whitespace-nowrap">{format.dateTime(row.createdAt, { dateStyle: "short" })}</div>
              <div className="whitespace-nowrap text-xs text-muted-foreground">{format.dateTime(row.createdAt, { timeStyle: "medium" })}</div>
            </TableCell>
            {showMerchant && <TableCell className="font-mono text-xs">{row.merchant?.mchNo ?? "—"}</TableCell>}
            <TableCell>
              <div className="max-w-48 truncate text-sm" title={row.actor ?? ""}>
                {row.actor ?? knownMessage(t, `actorType.${row.actorType}`, row.actorType)}
              </div>
              <div className="font-mono text-xs text-muted-foreground" title={t("ip")}>
                {row.ip ?? "—"}
              </div>
            </TableCell>
            <TableCell>
              <div className="text-sm font-medium">{knownMessage(t, `actions.${row.action}`, row.action)}</div>
              <div className="font-mono text-xs text-muted-foreground">{row.action}</div>
            </TableCell>
            <TableCell className="text-xs">
              <div>{row.targetType}</div>
              <div className="max-w-24 truncate font-mono text-muted-foreground" title={row.targetId ?? ""}>
                {row.targetId ?? ""}
              </div>
            </TableCell>
            <TableCell>
              <AuditDiff before={row.before} after={row.after} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
