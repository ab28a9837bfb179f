import { Ban } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { CashierMessage } from "@/components/cashier/cashier-message";
import { PayerFrame } from "@/components/sandbox/payer-frame";

// a payment code the sandbox does not know: a clear page, status 404
export default async function SandboxPayerNotFound() {
  const t = await getTranslations("sandboxPayer");
  return (
    <PayerFrame>
      <CashierMessage icon={<Ban className="size-12 text-muted-foreground" aria-hidden="true" />} title={t("notFoundTitle")} body={t("notFoundBody")} />
    </PayerFrame>
  );
}
