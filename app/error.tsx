"use client";

import { useTranslations } from "next-intl";
import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";

// any uncaught error in a page: a friendly message, never a stack trace
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errors");
  return <StatusPage code="500" title={t("errorTitle")} body={t("errorBody")} action={<Button onClick={reset}>{t("retry")}</Button>} />;
}
