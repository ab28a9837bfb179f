"use client";

import { TriangleAlertIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { CopyButton } from "./copy-button";

/** A freshly generated app secret, shown this once with a copy button. */
export function SecretReveal({ secret }: { secret: string }) {
  const t = useTranslations("secret");
  return (
    <div className="flex flex-col gap-3">
      <Alert>
        <TriangleAlertIcon />
        <AlertDescription>{t("onceWarning")}</AlertDescription>
      </Alert>
      <div className="flex items-center gap-2">
        <code data-testid="app-secret" className="flex-1 break-all rounded-md border bg-muted px-3 py-2 font-mono text-sm">
          {secret}
        </code>
        <CopyButton value={secret} testId="copy-secret" />
      </div>
    </div>
  );
}
