"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/components/trpc/provider";

/** Disable (after a confirmation: the app's integrations stop at once) or enable an app. */
export function AppStatusButton({ mchNo, appId, status }: { mchNo: string; appId: string; status: "ACTIVE" | "DISABLED" }) {
  const t = useTranslations("appDetail");
  const trpc = useTRPC();
  const router = useRouter();
  const setStatus = useMutation(trpc.apps.setStatus.mutationOptions({ onSuccess: () => router.refresh() }));
  if (status === "DISABLED") {
    return (
      <Button data-testid="enable-app" disabled={setStatus.isPending} onClick={() => setStatus.mutate({ mchNo, appId, status: "ACTIVE" })}>
        {t("enable")}
      </Button>
    );
  }
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" data-testid="disable-app">
          {t("disable")}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{t("disableTitle")}</AlertDialogTitle>
          <AlertDialogDescription>{t("disableDescription")}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{t("cancel")}</AlertDialogCancel>
          <AlertDialogAction data-testid="confirm-disable" onClick={() => setStatus.mutate({ mchNo, appId, status: "DISABLED" })}>
            {t("confirm")}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
