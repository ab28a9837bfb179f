import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";

// rendered by forbidden(): a signed-in user whose role may not open the page (HTTP 403)
export default async function Forbidden() {
  const t = await getTranslations();
  return (
    <StatusPage
      code="403"
      title={t("errors.forbiddenTitle")}
      body={t("errors.forbiddenBody")}
      action={
        <Button asChild variant="outline">
          <Link href="/">{t("common.backHome")}</Link>
        </Button>
      }
    />
  );
}
