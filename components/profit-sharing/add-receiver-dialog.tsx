"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { receiverCreateSchema } from "@/server/domain/profit-sharing-schema";
import { psErrorKey } from "./ps-error";
import { useReceiverWords } from "./ps-words";
import type { SplitAccount } from "./types";

type Values = z.input<typeof receiverCreateSchema>;
type AppChoice = { id: string; name: string; accounts: SplitAccount[] };

/**
 * "Add receiver": the app, one of its channel accounts that can split, a type that channel accepts, the
 * account, a name and the relation (a custom one in ≤ 10 characters). Validated by the router's schema.
 */
export function AddReceiverDialog({ mchNo, apps, defaultAppId }: { mchNo: string; apps: AppChoice[]; defaultAppId: string }) {
  const t = useTranslations("profitSharing");
  const words = useReceiverWords();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [appId, setAppId] = useState(defaultAppId);
  const accounts = apps.find((a) => a.id === appId)?.accounts ?? [];
  const blank = (accountId = accounts[0]?.id ?? ""): Values => ({
    channelAccountId: accountId,
    type: accounts.find((a) => a.id === accountId)?.receiverTypes[0] ?? "",
    account: "",
    name: "",
    relationType: "PARTNER",
    customRelation: "",
  });
  // shouldUnregister: a custom relation typed, then a listed relation chosen, is not sent (the schema refuses both)
  const form = useForm<Values, unknown, z.output<typeof receiverCreateSchema>>({ resolver: zodResolver(receiverCreateSchema), defaultValues: blank(), shouldUnregister: true });
  const create = useMutation(
    trpc.profitSharing.createReceiver.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.profitSharing.receivers.queryKey() });
        router.refresh();
      },
    }),
  );
  const { errors, isSubmitting } = form.formState;
  const channelAccountId = form.watch("channelAccountId");
  const relationType = form.watch("relationType");
  const types = accounts.find((a) => a.id === channelAccountId)?.receiverTypes ?? [];
  const onSubmit = form.handleSubmit(async (values) => {
    await create.mutateAsync({ mchNo, ...values }).catch(() => null);
  });
  const pickApp = (next: string) => {
    setAppId(next);
    const first = apps.find((a) => a.id === next)?.accounts[0];
    form.reset({ ...form.getValues(), channelAccountId: first?.id ?? "", type: first?.receiverTypes[0] ?? "" });
  };
  const pickAccount = (next: string) => form.reset({ ...form.getValues(), channelAccountId: next, type: accounts.find((a) => a.id === next)?.receiverTypes[0] ?? "" });

  return (
    <>
      <Button
        size="sm"
        data-testid="add-receiver"
        disabled={apps.every((a) => a.accounts.length === 0)}
        onClick={() => {
          create.reset();
          form.reset(blank());
          setOpen(true);
        }}
      >
        {t("receivers.add")}
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={t("receivers.cancel")}>
          <form onSubmit={onSubmit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{t("receivers.addTitle")}</DialogTitle>
              <DialogDescription>{t("receivers.addDescription")}</DialogDescription>
            </DialogHeader>
            {create.error && (
              <Alert variant="destructive">
                <AlertDescription>{t(`errors.${psErrorKey(create.error)}`)}</AlertDescription>
              </Alert>
            )}
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField id="receiver-app" label={t("app")}>
                <NativeSelect value={appId} onChange={(e) => pickApp(e.target.value)}>
                  {apps.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <FormField id="receiver-channel-account" label={t("receivers.channelAccount")} error={errors.channelAccountId && t("errors.required")}>
                <NativeSelect {...form.register("channelAccountId")} onChange={(e) => pickAccount(e.target.value)}>
                  {accounts.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
            </div>
            {accounts.length === 0 && <p className="text-sm text-muted-foreground">{t("noAccounts")}</p>}
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField id="receiver-type" label={t("receivers.type")} error={errors.type && t("errors.required")}>
                <NativeSelect {...form.register("type")}>
                  {types.map((type) => (
                    <option key={type} value={type}>
                      {words.type(type)}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <FormField id="receiver-account" label={t("receivers.account")} required error={errors.account && t("errors.required")}>
                <Input autoComplete="off" {...form.register("account")} />
              </FormField>
            </div>
            <FormField id="receiver-name" label={t("receivers.name")} error={errors.name && t("errors.invalid")}>
              <Input autoComplete="off" {...form.register("name")} />
            </FormField>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField id="receiver-relation" label={t("receivers.relation")}>
                <NativeSelect {...form.register("relationType")}>
                  {words.relations.map((r) => (
                    <option key={r} value={r}>
                      {words.relation(r)}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              {relationType === "CUSTOM" && (
                <FormField
                  id="receiver-custom-relation"
                  label={t("receivers.customRelation")}
                  required
                  description={t("receivers.customRelationHelp")}
                  error={errors.customRelation && t("errors.customRelation")}
                >
                  <Input maxLength={10} autoComplete="off" {...form.register("customRelation")} />
                </FormField>
              )}
            </div>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
                {t("receivers.cancel")}
              </Button>
              <Button type="submit" disabled={isSubmitting || accounts.length === 0} data-testid="submit-receiver">
                {t("receivers.submit")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
