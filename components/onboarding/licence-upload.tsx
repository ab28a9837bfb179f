"use client";

import { FileCheck2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { LICENCE_MAX_BYTES } from "@/server/domain/upload-type";
import { knownMessage } from "@/server/i18n/known-message";

type Licence = { fileName: string; mime: string; size: number; uploadedAt: string } | null;

const ERROR_KEYS: Record<number, string> = { 413: "tooLarge", 415: "wrongType" };

/** Business licence upload (PNG, JPEG or PDF, ≤ 5 MB; the server checks the bytes, this checks the size early). */
export function LicenceUpload({ mchNo, licence, editable }: { mchNo: string; licence: Licence; editable: boolean }) {
  const t = useTranslations("licence");
  const format = useFormatter();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);

  async function upload() {
    const file = input.current?.files?.[0];
    setError(null);
    if (!file) return setError("choose");
    if (file.size > LICENCE_MAX_BYTES) return setError("tooLarge");
    setBusy(true);
    try {
      const body = new FormData();
      body.set("file", file);
      const response = await fetch(`/api/merchants/${encodeURIComponent(mchNo)}/licence`, { method: "POST", body });
      if (!response.ok) return setError(ERROR_KEYS[response.status] ?? "failed");
      if (input.current) input.current.value = "";
      setChosen(null);
      router.refresh();
    } catch {
      setError("failed");
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("hint")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {licence && (
          <div className="flex flex-wrap items-center gap-3 rounded-md border p-3 text-sm" data-testid="licence-on-file">
            <FileCheck2 className="size-5 text-success" />
            <a href={`/api/merchants/${encodeURIComponent(mchNo)}/licence`} target="_blank" rel="noreferrer" className="font-medium text-primary hover:underline">
              {licence.fileName}
            </a>
            <span className="text-muted-foreground">
              {format.number(licence.size / 1024, { maximumFractionDigits: 1 })} KB · {format.dateTime(new Date(licence.uploadedAt), { dateStyle: "medium", timeStyle: "short" })}
            </span>
          </div>
        )}
        {editable && (
          <div className="flex flex-wrap items-end gap-3">
            <FormField id="licence-file" label={licence ? t("replace") : t("file")} error={error ? knownMessage(t, `errors.${error}`, error) : undefined} className="min-w-64 flex-1">
              {(control) => (
                <div className="flex items-center gap-3">
                  {/* The native picker's own text would follow the browser's language, not the page's. */}
                  <input
                    ref={input}
                    {...control}
                    type="file"
                    accept="image/png,image/jpeg,application/pdf"
                    className="sr-only"
                    onChange={(e) => {
                      setError(null);
                      setChosen(e.currentTarget.files?.[0]?.name ?? null);
                    }}
                  />
                  <Button type="button" variant="outline" onClick={() => input.current?.click()}>
                    {t("choose")}
                  </Button>
                  <span className="truncate text-sm text-muted-foreground" data-testid="licence-chosen">
                    {chosen ?? t("noFile")}
                  </span>
                </div>
              )}
            </FormField>
            <Button type="button" variant="secondary" onClick={upload} disabled={busy}>
              {busy ? t("uploading") : t("upload")}
            </Button>
          </div>
        )}
        {!licence && !editable && (
          <Alert>
            <AlertDescription>{t("none")}</AlertDescription>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
