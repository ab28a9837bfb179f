"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { actionErrorKey } from "./action-error";

/** Resend any event to where it goes today: a new delivery with its own retry schedule. */
export function ResendEventButton({ mchNo, eventId }: { mchNo: string; eventId: string }) {
  const t = useTranslations("webhooks");
  const tErr = useTranslations("actionErrors");
  const router = useRouter();
  const trpc = useTRPC();
  const resend = useMutation(trpc.webhooks.resend.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="outline" disabled={resend.isPending} onClick={() => resend.mutate({ mchNo, eventId })}>
        {t("resend")}
      </Button>
      {resend.isSuccess && <span className="text-xs text-success">{t("resent")}</span>}
      {resend.error && <span className="text-xs text-destructive">{tErr(actionErrorKey(resend.error))}</span>}
    </span>
  );
}
