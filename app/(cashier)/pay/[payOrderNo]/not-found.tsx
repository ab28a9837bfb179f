import { SearchX } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { CashierMessage } from "@/components/cashier/cashier-message";

// an unknown payOrderNo: a clear page, status 404
export default async function CashierNotFound() {
  const t = await getTranslations("cashier");
  return <CashierMessage icon={<SearchX className="size-12 text-muted-foreground" aria-hidden="true" />} title={t("notFoundTitle")} body={t("notFoundBody")} />;
}
