import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OrderImport } from "@/components/orders/order-import";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/orders/import – upload historical or offline orders (CSV / XLSX), with progress and per-row errors
export default async function OrderImportPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const caller = await serverCaller();
  const apps = await orInterrupt(caller.orders.importApps({ mchNo }), `/console/${mchNo}/orders/import`);
  const t = await getTranslations("orderCenter");
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <Link href={`/console/${mchNo}/orders`} className="text-sm text-muted-foreground hover:underline">
        ← {t("detail.back")}
      </Link>
      <PageHeader title={t("import.title")} description={t("import.description")} />
      <OrderImport mchNo={mchNo} apps={apps} />
    </div>
  );
}
