import { getTranslations } from "next-intl/server";
import { PosTerminal } from "@/components/pos/pos-terminal";
import { PageHeader } from "@/components/shell/page-header";
import { orInterrupt, requireUser } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

// /console/[mchNo]/pos – the store POS (门店收银): take barcode payments, today's takings (pos.use: owner, store cashiers)
export default async function PosPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const path = `/console/${mchNo}/pos`;
  const user = await requireUser(path);
  const setup = await orInterrupt((await serverCaller()).pos.setup({ mchNo }), path);
  const t = await getTranslations("pos");
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <div className="print:hidden">
        <PageHeader title={t("title")} description={t("description")} />
      </div>
      <PosTerminal mchNo={mchNo} userId={user.id} userName={user.name} setup={setup} />
    </div>
  );
}
