"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { knownMessage } from "@/server/i18n/known-message";

/** What is still missing, and the button that sends a complete profile to the operators. */
export function SubmitForReview({ mchNo, status, missing, editable }: { mchNo: string; status: string; missing: string[]; editable: boolean }) {
  const t = useTranslations("submitReview");
  const router = useRouter();
  const trpc = useTRPC();
  const submit = useMutation(trpc.profile.submit.mutationOptions());
  const [failed, setFailed] = useState(false);
  if (!editable) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{missing.length ? t("incomplete") : t("ready")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {missing.length > 0 && (
          <ul className="list-inside list-disc text-sm text-muted-foreground" data-testid="profile-missing">
            {missing.map((part) => (
              <li key={part}>{knownMessage(t, `missing.${part}`, part)}</li>
            ))}
          </ul>
        )}
        {failed && (
          <Alert variant="destructive">
            <AlertDescription>{t("failed")}</AlertDescription>
          </Alert>
        )}
        <div>
          <Button
            disabled={missing.length > 0 || submit.isPending}
            onClick={async () => {
              setFailed(false);
              try {
                await submit.mutateAsync({ mchNo });
                router.refresh();
              } catch {
                setFailed(true);
              }
            }}
          >
            {status === "REJECTED" ? t("resubmit") : t("submit")}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
