import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <StatusPage
      code="404"
      title={t("errors.notFoundTitle")}
      body={t("errors.notFoundBody")}
      action={
        <Button asChild variant="outline">
          <Link href="/">{t("common.backHome")}</Link>
        </Button>
      }
    />
  );
}
