"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { Copy, UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { applyFieldErrors } from "@/components/forms/server-errors";
import { useFormError } from "@/components/forms/use-form-error";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { hasStores, INVITE_CONFLICTS, inviteMemberSchema, parseStoreList } from "@/server/domain/member-schema";
import { RoleSelect } from "./role-select";

type Input = z.input<typeof inviteMemberSchema>;
type Output = z.output<typeof inviteMemberSchema>;

/** Invite by email with a role; the link is shown once (there is no mail server) for the owner to pass on. */
export function InviteMember({ mchNo }: { mchNo: string }) {
  const t = useTranslations("members");
  const td = useTranslations("orderCenter.dealer");
  const tp = useTranslations("pos.members");
  const fieldError = useFormError();
  const router = useRouter();
  const trpc = useTRPC();
  const invite = useMutation(trpc.members.invite.mutationOptions());
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [copied, setCopied] = useState(false);
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(inviteMemberSchema), defaultValues: { email: "", role: "DEVELOPER", storeIds: [] } });
  const role = form.watch("role");
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailed(false);
    try {
      const { token } = await invite.mutateAsync({ mchNo, ...values });
      setLink(`${window.location.origin}/invite/${token}`);
      router.refresh();
    } catch (error) {
      const conflict = (error as Error).message === INVITE_CONFLICTS.alreadyMember ? "alreadyMember" : "invitePending";
      if (!applyFieldErrors(error, form.setError, (field) => (field === "email" ? conflict : undefined))) setFailed(true);
    }
  });

  function close(next: boolean) {
    setOpen(next);
    if (!next) {
      setLink(null);
      setCopied(false);
      form.reset({ email: "", role: "DEVELOPER", storeIds: [] });
    }
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus />
          {t("invite")}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{link ? t("linkTitle") : t("inviteTitle")}</DialogTitle>
          <DialogDescription>{link ? t("linkHint") : t("inviteHint")}</DialogDescription>
        </DialogHeader>
        {link ? (
          <div className="flex flex-col gap-3">
            <Input readOnly value={link} data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
            <DialogFooter>
              <Button
                variant="secondary"
                onClick={async () => {
                  await navigator.clipboard?.writeText(link).catch(() => undefined);
                  setCopied(true);
                }}
              >
                <Copy />
                {copied ? t("copied") : t("copy")}
              </Button>
              <Button onClick={() => close(false)}>{t("done")}</Button>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            {failed && (
              <Alert variant="destructive">
                <AlertDescription>{t("failed")}</AlertDescription>
              </Alert>
            )}
            <FormField id="invite-email" label={t("email")} error={fieldError(errors.email)}>
              <Input type="email" autoComplete="off" {...form.register("email")} />
            </FormField>
            <FormField id="invite-role" label={t("role")} error={fieldError(errors.role)}>
              {(control) => (
                <Controller control={form.control} name="role" render={({ field }) => <RoleSelect id={control.id} value={field.value} onChange={field.onChange} />} />
              )}
            </FormField>
            {hasStores(role) && (
              <FormField id="invite-stores" label={td("stores")} description={role === "CASHIER" ? tp("storesHint") : td("storesHint")} error={fieldError(errors.storeIds as never)}>
                {(control) => (
                  <Controller
                    control={form.control}
                    name="storeIds"
                    render={({ field }) => (
                      <Input id={control.id} className="font-mono" placeholder="S01, S02" defaultValue={(field.value ?? []).join(", ")} onChange={(e) => field.onChange(parseStoreList(e.target.value))} />
                    )}
                  />
                )}
              </FormField>
            )}
            <DialogFooter>
              <Button type="submit" disabled={isSubmitting}>
                {t("createLink")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
