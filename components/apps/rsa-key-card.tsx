"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { FileKeyIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
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
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { rsaKeyInputSchema } from "@/server/domain/rsa-key-schema";
import { knownMessage } from "@/server/i18n/known-message";

export type RsaKeyView = { fingerprint: string; bits: number; updatedAt: Date } | null;

type ServerError = { data?: { fieldErrors?: Record<string, string[] | undefined> } | null };

/** The app's RSA public key (RSA-SHA256 request signatures): its fingerprint, upload or replace, remove. */
export function RsaKeyCard({ mchNo, appId, rsaKey }: { mchNo: string; appId: string; rsaKey: RsaKeyView }) {
  const t = useTranslations("developerTools.rsaKey");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.appKeys.removeRsaKey.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <Card data-testid="rsa-key-card">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
        <CardAction className="flex gap-2">
          <RsaKeyDialog mchNo={mchNo} appId={appId} replace={rsaKey !== null} />
          {rsaKey && (
            <AlertDialog>
              <AlertDialogTrigger asChild>
                <Button variant="outline" data-testid="rsa-key-remove">
                  <Trash2Icon />
                  {t("remove")}
                </Button>
              </AlertDialogTrigger>
              <AlertDialogContent>
                <AlertDialogHeader>
                  <AlertDialogTitle>{t("removeTitle")}</AlertDialogTitle>
                  <AlertDialogDescription>{t("removeDescription")}</AlertDialogDescription>
                </AlertDialogHeader>
                <AlertDialogFooter>
                  <AlertDialogCancel>{t("cancel")}</AlertDialogCancel>
                  <AlertDialogAction variant="destructive" onClick={() => remove.mutate({ mchNo, appId })}>
                    {t("removeConfirm")}
                  </AlertDialogAction>
                </AlertDialogFooter>
              </AlertDialogContent>
            </AlertDialog>
          )}
        </CardAction>
      </CardHeader>
      <CardContent className="text-sm" data-testid="rsa-key-state">
        {rsaKey ? (
          <div className="flex flex-col gap-1">
            <div className="text-muted-foreground">{t("fingerprint")}</div>
            <code className="break-all font-mono text-xs" data-testid="rsa-key-fingerprint">
              {rsaKey.fingerprint}
            </code>
            <div className="text-muted-foreground">
              {t("bits", { bits: rsaKey.bits })} · {t("updatedAt", { time: format.dateTime(rsaKey.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}
            </div>
          </div>
        ) : (
          <p className="text-muted-foreground">{t("none")}</p>
        )}
      </CardContent>
    </Card>
  );
}

function RsaKeyDialog({ mchNo, appId, replace }: { mchNo: string; appId: string; replace: boolean }) {
  const t = useTranslations("developerTools.rsaKey");
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const form = useForm<z.input<typeof rsaKeyInputSchema>, unknown, z.output<typeof rsaKeyInputSchema>>({
    resolver: zodResolver(rsaKeyInputSchema),
    defaultValues: { publicKey: "" },
  });
  const save = useMutation(trpc.appKeys.setRsaKey.mutationOptions());
  const errorText = (key: string | undefined) => (key ? knownMessage(t, `errors.${key}`, t("errors.unreadable")) : undefined);

  const onSubmit = form.handleSubmit(async (values) => {
    setFailed(false);
    try {
      await save.mutateAsync({ mchNo, appId, ...values });
      setOpen(false);
      form.reset();
      router.refresh();
    } catch (error) {
      const key = (error as ServerError).data?.fieldErrors?.publicKey?.[0];
      if (key) form.setError("publicKey", { type: "server", message: key });
      else setFailed(true);
    }
  });

  async function readFile(file: File | undefined) {
    if (!file) return;
    // a public key is a few KB; anything larger is read only to be refused with the right message
    const text = await file.slice(0, 16_384).text();
    form.setValue("publicKey", text, { shouldValidate: true });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          form.reset();
          setFailed(false);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant={replace ? "outline" : "default"} data-testid="rsa-key-upload">
          <FileKeyIcon />
          {replace ? t("replace") : t("upload")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>{t("dialogTitle")}</DialogTitle>
            <DialogDescription>{t("dialogDescription")}</DialogDescription>
          </DialogHeader>
          {failed && (
            <Alert variant="destructive">
              <AlertDescription>{t("failed")}</AlertDescription>
            </Alert>
          )}
          <FormField id="rsa-public-key" label={t("field")} error={errorText(form.formState.errors.publicKey?.message)}>
            <Textarea rows={10} spellCheck={false} className="max-h-60 overflow-auto font-mono text-xs" placeholder="-----BEGIN PUBLIC KEY-----" {...form.register("publicKey")} />
          </FormField>
          <label className="flex flex-col gap-1 text-sm">
            <span className="text-muted-foreground">{t("file")}</span>
            <input type="file" accept=".pem,.pub,.key,.txt,text/plain" className="text-sm" onChange={(e) => void readFile(e.target.files?.[0])} />
          </label>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={form.formState.isSubmitting} data-testid="rsa-key-save">
              {form.formState.isSubmitting ? t("saving") : t("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
