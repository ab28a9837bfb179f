import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { StatusPage } from "./status-page";

const MESSAGES = {
  403: { title: "errors.forbiddenTitle", body: "errors.forbiddenBody" },
  404: { title: "errors.notFoundTitle", body: "errors.notFoundBody" },
} as const;

/** A 403 or 404 page with the way back home: app/forbidden.tsx, app/not-found.tsx, and the console's and operator platform's own, inside their shells. */
export async function AccessMessage({ code }: { code: keyof typeof MESSAGES }) {
  const t = await getTranslations();
  return (
    <StatusPage
      code={String(code)}
      title={t(MESSAGES[code].title)}
      body={t(MESSAGES[code].body)}
      action={
        <Button asChild variant="outline">
          <Link href="/">{t("common.backHome")}</Link>
        </Button>
      }
    />
  );
}
