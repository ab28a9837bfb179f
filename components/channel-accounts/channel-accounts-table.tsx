import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { knownMessage } from "@/server/i18n/known-message";

type Row = {
  id: string;
  channel: string;
  name: string;
  modes: string[];
  feeRateBps: number;
  priority: number;
  status: "ENABLED" | "DISABLED";
  baseUrl: string | null;
  sandbox: boolean;
  app: { id: string; name: string; mode: "TEST" | "LIVE" };
};

/** Channel accounts with where they connect (sandbox, custom URL, production) and a link to each. */
export async function ChannelAccountsTable({ mchNo, accounts, showApp }: { mchNo: string; accounts: Row[]; showApp: boolean }) {
  const t = await getTranslations();
  const format = await getFormatter();
  if (accounts.length === 0) return <p className="text-sm text-muted-foreground">{t("channelAccounts.empty")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("channelAccounts.account")}</TableHead>
          {showApp && <TableHead>{t("channelAccounts.app")}</TableHead>}
          <TableHead>{t("channelAccounts.modes")}</TableHead>
          <TableHead className="text-right">{t("channelAccounts.feeRate")}</TableHead>
          <TableHead className="text-right">{t("channelAccounts.priority")}</TableHead>
          <TableHead>{t("channelAccounts.status")}</TableHead>
          <TableHead className="text-right">{t("channelAccounts.actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {accounts.map((account) => {
          const target = account.sandbox || (account.app.mode === "TEST" && !account.baseUrl) ? "sandbox" : account.baseUrl ? "custom" : "production";
          return (
            <TableRow key={account.id} data-testid="channel-account-row">
              <TableCell>
                <div className="font-medium">{account.name}</div>
                <div className="text-xs text-muted-foreground">
                  {knownMessage(t, `channel.${account.channel}`, account.channel)} · {t(`channelAccounts.${target}`)}
                </div>
              </TableCell>
              {showApp && (
                <TableCell>
                  <Link className="underline-offset-4 hover:underline" href={`/console/${mchNo}/apps/${account.app.id}`}>
                    {account.app.name}
                  </Link>{" "}
                  <Badge variant={account.app.mode === "LIVE" ? "default" : "secondary"}>{t(`appMode.${account.app.mode}`)}</Badge>
                </TableCell>
              )}
              <TableCell className="text-xs">{account.modes.map((m) => knownMessage(t, `payModes.${m}`, m)).join(" · ")}</TableCell>
              <TableCell className="text-right tabular-nums">
                {format.number(account.feeRateBps / 10_000, { style: "percent", minimumFractionDigits: 2 })}
              </TableCell>
              <TableCell className="text-right tabular-nums">{account.priority}</TableCell>
              <TableCell>
                <Badge variant={account.status === "ENABLED" ? "success" : "outline"}>
                  {t(`appStatus.${account.status === "ENABLED" ? "ACTIVE" : "DISABLED"}`)}
                </Badge>
              </TableCell>
              <TableCell className="text-right">
                <Button variant="outline" size="sm" asChild>
                  <Link href={`/console/${mchNo}/apps/${account.app.id}/channels/${account.id}`}>{t("channelAccounts.edit")}</Link>
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
