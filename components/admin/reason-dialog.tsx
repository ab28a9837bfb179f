"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";

type Props = {
  trigger: string;
  title: string;
  description: string;
  confirm: string;
  variant?: ButtonProps["variant"];
  /** The opening button's look (e.g. outline in a table row); the confirm button keeps `variant`. */
  triggerVariant?: ButtonProps["variant"];
  testId?: string;
  onConfirm: (reason: string) => Promise<boolean>;
};

/** A decision that needs a reason the merchant will read (reject, suspend): 2–500 characters, kept on error. */
export function ReasonDialog({ trigger, title, description, confirm, variant = "destructive", triggerVariant, testId, onConfirm }: Props) {
  const t = useTranslations("adminActions");
  const tf = useTranslations("formErrors");
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const text = reason.trim();
    if (text.length < 2) return setError(tf("tooShort"));
    if (text.length > 500) return setError(tf("tooLong"));
    setBusy(true);
    const ok = await onConfirm(text);
    setBusy(false);
    if (ok) {
      setOpen(false);
      setReason("");
      setError(null);
    } else setError(t("failed"));
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={triggerVariant ?? variant} size="sm" data-testid={testId}>
          {trigger}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <FormField id="decision-reason" label={t("reason")} error={error ?? undefined} required>
          <Textarea rows={4} value={reason} maxLength={600} onChange={(e) => setReason(e.target.value)} />
        </FormField>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            {t("cancel")}
          </Button>
          <Button variant={variant} onClick={submit} disabled={busy}>
            {confirm}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
