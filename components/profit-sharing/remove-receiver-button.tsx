"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
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
import { psErrorKey } from "./ps-error";

/** Remove a receiver after a confirmation (it is unbound at the channel). */
export function RemoveReceiverButton({ mchNo, receiverId, label }: { mchNo: string; receiverId: string; label: string }) {
  const t = useTranslations("profitSharing");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.profitSharing.removeReceiver.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.profitSharing.receivers.queryKey() });
        router.refresh();
      },
    }),
  );
  return (
    <AlertDialog open={open} onOpenChange={(next) => (setOpen(next), remove.reset())}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" data-testid="remove-receiver">
          {t("receivers.remove")}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{t("receivers.removeTitle")}</AlertDialogTitle>
          <AlertDialogDescription>{t("receivers.removeDescription", { name: label })}</AlertDialogDescription>
        </AlertDialogHeader>
        {remove.error && <p className="text-sm text-destructive">{t(`errors.${psErrorKey(remove.error)}`)}</p>}
        <AlertDialogFooter>
          <AlertDialogCancel>{t("receivers.cancel")}</AlertDialogCancel>
          <AlertDialogAction
            data-testid="confirm-remove-receiver"
            disabled={remove.isPending}
            onClick={(e) => {
              e.preventDefault();
              remove.mutate({ mchNo, receiverId });
            }}
          >
            {t("receivers.confirmRemove")}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
