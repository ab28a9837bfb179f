import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/shell/page-header";
import { CreateQrDialog } from "@/components/static-qr/create-qr-dialog";
import { QrEnabledButton } from "@/components/static-qr/qr-enabled-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orInterrupt, requireUser } from "@/server/auth/guards";
import { formatMoney } from "@/server/domain/money";
import { can } from "@/server/domain/permissions";
import { listMemberships } from "@/server/services/merchants/list-memberships";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/qr-codes – the merchant's aggregated QR codes (一码付): list, create, print, disable
export default async function QrCodesPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const caller = await serverCaller();
  const { codes, apps } = await orInterrupt(caller.qrCodes.list({ mchNo }), `/console/${mchNo}/qr-codes`);
  const user = await requireUser(`/console/${mchNo}/qr-codes`);
  const role = (await listMemberships(user.id)).find((m) => m.merchant.mchNo === mchNo)?.role;
  const manage = role ? can(role, "qrCodes.manage") : false;
  const t = await getTranslations("staticQr.console");
  const format = await getFormatter();
  const locale = await getLocale();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeader title={t("title")} description={t("description")} />
        {manage && <CreateQrDialog mchNo={mchNo} apps={apps} />}
      </div>
      <Card>
        <CardContent>
          {codes.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("empty")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("name")}</TableHead>
                  <TableHead>{t("app")}</TableHead>
                  <TableHead>{t("store")}</TableHead>
                  <TableHead className="text-right">{t("amount")}</TableHead>
                  <TableHead>{t("status")}</TableHead>
                  <TableHead>{t("createdAt")}</TableHead>
                  <TableHead className="text-right">{t("actions")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {codes.map((code) => (
                  <TableRow key={code.id} data-testid="qr-row">
                    <TableCell>
                      <div className="font-medium">{code.name}</div>
                      <div className="max-w-64 truncate text-xs text-muted-foreground">{code.subject}</div>
                    </TableCell>
                    <TableCell className="text-sm">{code.appName}</TableCell>
                    <TableCell className="font-mono text-xs">{code.storeId ?? t("storeNone")}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {code.amount === null ? <span className="text-muted-foreground">{t("openAmount")}</span> : formatMoney(code.amount, code.currency, locale)}
                    </TableCell>
                    <TableCell>
                      <Badge variant={code.enabled ? "success" : "outline"}>{code.enabled ? t("enabled") : t("disabled")}</Badge>
                    </TableCell>
                    <TableCell className="text-xs text-muted-foreground">{format.dateTime(code.createdAt, { dateStyle: "short", timeStyle: "short" })}</TableCell>
                    <TableCell>
                      <div className="flex justify-end gap-2">
                        <Button variant="outline" size="sm" asChild>
                          <Link href={`/console/${mchNo}/qr-codes/${code.id}/print`} data-testid="qr-print">
                            {t("print")}
                          </Link>
                        </Button>
                        {manage && <QrEnabledButton mchNo={mchNo} id={code.id} enabled={code.enabled} />}
                      </div>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
