import { TriangleAlertIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

/**
 * Shown where an app is looked at while it cannot take any payment (no enabled channel account a consumer can pay
 * through): the Open API refuses its orders with NO_CHANNEL_ACCOUNT until one is added or enabled.
 */
export async function NotPayableAlert({ mchNo, appId }: { mchNo: string; appId: string }) {
  const t = await getTranslations("apps.notPayable");
  return (
    <Alert className="border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid="app-not-payable">
      <TriangleAlertIcon />
      <AlertTitle>{t("title")}</AlertTitle>
      <AlertDescription className="text-current/90">
        <p>{t("description")}</p>
        <Link href={`/console/${mchNo}/apps/${appId}/channels/new`} className="font-medium underline underline-offset-4">
          {t("addAccount")}
        </Link>
      </AlertDescription>
    </Alert>
  );
}
