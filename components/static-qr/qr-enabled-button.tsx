"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";

/** Disable or enable a code (a disabled code's page tells the consumer so). */
export function QrEnabledButton({ mchNo, id, enabled }: { mchNo: string; id: string; enabled: boolean }) {
  const t = useTranslations("staticQr.console");
  const trpc = useTRPC();
  const router = useRouter();
  const setEnabled = useMutation(trpc.qrCodes.setEnabled.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Button variant="outline" size="sm" disabled={setEnabled.isPending} onClick={() => setEnabled.mutate({ mchNo, id, enabled: !enabled })} data-testid="qr-toggle">
      {enabled ? t("disable") : t("enable")}
    </Button>
  );
}
