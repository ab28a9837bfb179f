import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { StatusPage } from "./status-page";

/** The 403 message, used by app/forbidden.tsx and inside the console's shell. */
export async function ForbiddenMessage() {
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
