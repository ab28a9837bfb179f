"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { Coins } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { actionErrorKey } from "@/components/console/action-error";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { type ConsoleGrantForm, consoleGrantSchema } from "@/server/domain/console-grant-schema";
import { knownMessage } from "@/server/i18n/known-message";

type App = { id: string; name: string };

/** "发放积分" on a buyer's page (OWNER, FINANCE): credited at once; the request id is fixed while the dialog is open, so a double submit grants once. */
export function GrantPointsDialog({ mchNo, buyerId, apps }: { mchNo: string; buyerId: string; apps: App[] }) {
  const t = useTranslations("buyers.grant");
  const tErr = useTranslations("actionErrors");
  const router = useRouter();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [appId, setAppId] = useState(apps[0]?.id ?? "");
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const form = useForm<ConsoleGrantForm>({ resolver: zodResolver(consoleGrantSchema, undefined, { raw: true }), defaultValues: { points: "", reason: "" } });
  const grant = useMutation(
    trpc.buyers.grantPoints.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        form.reset({ points: "", reason: "" });
        setRequestId(crypto.randomUUID());
        router.refresh();
      },
    }),
  );
  const { errors } = form.formState;
  const fieldError = (message?: string) => (message ? knownMessage(t, `errors.${message}`, t("errors.invalid")) : undefined);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) grant.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="grant-points">
          <Coins aria-hidden /> {t("button")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("cancel")}>
        <form onSubmit={form.handleSubmit((grantForm) => grant.mutate({ mchNo, buyerId, appId, requestId, grant: grantForm }))} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{t("title")}</DialogTitle>
            <DialogDescription>{t("description", { buyerId })}</DialogDescription>
          </DialogHeader>
          {grant.error && (
            <Alert variant="destructive">
              <AlertDescription>{tErr(actionErrorKey(grant.error))}</AlertDescription>
            </Alert>
          )}
          {apps.length > 1 && (
            <label className="grid gap-1 text-sm font-medium">
              {t("app")}
              <NativeSelect value={appId} onChange={(e) => setAppId(e.target.value)}>
                {apps.map((app) => (
                  <option key={app.id} value={app.id}>
                    {app.name}
                  </option>
                ))}
              </NativeSelect>
            </label>
          )}
          <FormField id="grant-points" label={t("points")} required error={fieldError(errors.points?.message)}>
            <Input inputMode="numeric" autoComplete="off" placeholder="500" {...form.register("points")} />
          </FormField>
          <FormField id="grant-reason" label={t("reason")} description={t("reasonHint")} error={fieldError(errors.reason?.message)}>
            <Input maxLength={128} autoComplete="off" {...form.register("reason")} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={grant.isPending}>
              {grant.isPending ? t("submitting") : t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
