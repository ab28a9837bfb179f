import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /admin/reviews – merchants waiting for review, oldest first
export default async function ReviewQueuePage() {
  const caller = await serverCaller();
  const queue = await orInterrupt(caller.admin.reviewQueue(), "/admin/reviews");
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-2xl">{t("reviews.title")}</CardTitle>
          <CardDescription>{t("reviews.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          {queue.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="review-queue-empty">{t("reviews.empty")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("admin.mchNo")}</TableHead>
                  <TableHead>{t("admin.name")}</TableHead>
                  <TableHead>{t("profile.fields.legalName")}</TableHead>
                  <TableHead>{t("profile.fields.creditCode")}</TableHead>
                  <TableHead>{t("reviews.submittedAt")}</TableHead>
                  <TableHead />
                </TableRow>
              </TableHeader>
              <TableBody>
                {queue.map((m) => (
                  <TableRow key={m.mchNo} data-testid="review-row">
                    <TableCell className="font-mono text-xs">{m.mchNo}</TableCell>
                    <TableCell className="font-medium">{m.name}</TableCell>
                    <TableCell>{m.legalName ?? "—"}</TableCell>
                    <TableCell className="font-mono text-xs">{m.creditCode ?? "—"}</TableCell>
                    <TableCell className="text-sm text-muted-foreground">{format.dateTime(m.submittedAt, { dateStyle: "medium", timeStyle: "short" })}</TableCell>
                    <TableCell className="text-right">
                      <Button asChild size="sm" variant="outline">
                        <Link href={`/admin/reviews/${m.mchNo}`}>{t("reviews.open")}</Link>
                      </Button>
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
