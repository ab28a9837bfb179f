import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { MerchantDecisions } from "@/components/admin/merchant-decisions";
import { StatusBadge } from "@/components/shell/status-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /admin – every merchant on the platform
export default async function AdminMerchantsPage() {
  const caller = await serverCaller();
  const merchants = await orInterrupt(caller.admin.merchants(), "/admin");
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-2xl">{t("admin.title")}</CardTitle>
          <CardDescription>{t("admin.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          {merchants.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("admin.empty")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("admin.mchNo")}</TableHead>
                  <TableHead>{t("admin.name")}</TableHead>
                  <TableHead>{t("admin.status")}</TableHead>
                  <TableHead className="text-right">{t("admin.apps")}</TableHead>
                  <TableHead className="text-right">{t("admin.members")}</TableHead>
                  <TableHead>{t("admin.createdAt")}</TableHead>
                  <TableHead className="text-right">{t("admin.actions")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {merchants.map((m) => (
                  <TableRow key={m.id} data-testid="merchant-row">
                    <TableCell className="font-mono text-xs">{m.mchNo}</TableCell>
                    <TableCell className="font-medium">
                      <Link href={`/admin/reviews/${m.mchNo}`} className="hover:underline">
                        {m.name}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <StatusBadge kind="merchantStatus" status={m.status} />
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{m._count.apps}</TableCell>
                    <TableCell className="text-right tabular-nums">{m._count.memberships}</TableCell>
                    <TableCell className="text-sm text-muted-foreground">{format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}</TableCell>
                    <TableCell>
                      <MerchantDecisions mchNo={m.mchNo} status={m.status} />
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
