"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";

/** Disable (after a confirmation) or enable a code (a disabled code's page tells the consumer so). */
export function QrEnabledButton({ mchNo, id, enabled }: { mchNo: string; id: string; enabled: boolean }) {
  const t = useTranslations("staticQr.console");
  const trpc = useTRPC();
  const router = useRouter();
  const setEnabled = useMutation(trpc.qrCodes.setEnabled.mutationOptions({ onSuccess: () => router.refresh() }));
  // turning a code off stops consumers paying with it: asked first; turning it back on is not
  if (enabled)
    return (
      <ConfirmButton
        label={t("disable")}
        title={t("disableConfirmTitle")}
        description={t("disableConfirmHint")}
        confirm={t("disable")}
        cancel={t("cancel")}
        variant="outline"
        confirmVariant="destructive"
        disabled={setEnabled.isPending}
        testId="qr-toggle"
        onConfirm={() => setEnabled.mutate({ mchNo, id, enabled: false })}
      />
    );
  return (
    <Button variant="outline" size="sm" disabled={setEnabled.isPending} onClick={() => setEnabled.mutate({ mchNo, id, enabled: true })} data-testid="qr-toggle">
      {t("enable")}
    </Button>
  );
}
