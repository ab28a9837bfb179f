"use client";

import { TRPCClientError } from "@trpc/client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { actionErrorKey } from "@/components/console/action-error";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { knownMessage } from "@/server/i18n/known-message";

/** The message of a failed action: the order changed meanwhile, cannot be cancelled, or the server's words for a field. */
export function useActionMessage() {
  const t = useTranslations("orderCenter.actions");
  const tErr = useTranslations("actionErrors");
  return (error: unknown) => {
    const data = error instanceof TRPCClientError ? (error.data as { appCode?: string } | undefined) : undefined;
    if (data?.appCode === "INVALID_TRANSITION") return t("invalidTransition");
    if (data?.appCode === "ORDER_NOT_CANCELLABLE") return t("notCancellable");
    return t("failed", { message: tErr(actionErrorKey(error)) });
  };
}

/** A button opening a small form in a dialog; `submit` runs the mutation, the page re-renders when it succeeds. */
export function ActionDialog({ label, title, description, children, submit, variant = "outline", testId }: {
  label: string;
  title: string;
  description?: string;
  children?: ReactNode;
  submit: (form: FormData) => Promise<unknown>;
  variant?: "outline" | "destructive" | "default";
  testId?: string;
}) {
  const t = useTranslations("orderCenter.actions");
  const message = useActionMessage();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(next) => { setOpen(next); setError(null); }}>
      <DialogTrigger asChild>
        <Button size="sm" variant={variant} data-testid={testId}>
          {label}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          {description && <DialogDescription>{description}</DialogDescription>}
        </DialogHeader>
        <form
          className="flex flex-col gap-4"
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            setError(null);
            try {
              await submit(new FormData(event.currentTarget));
              setOpen(false);
              router.refresh();
            } catch (failure) {
              setError(message(failure));
            } finally {
              setBusy(false);
            }
          }}
        >
          {error && (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          )}
          {children}
          <DialogFooter>
            <Button type="submit" disabled={busy}>
              {t("confirm")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

const text = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : value;
};

/** Move along the flow (carrier and tracking number when shipping) and cancel, as the member's role allows. */
export function OrderActions({ mchNo, orderNo, next, cancellable }: { mchNo: string; orderNo: string; next: string[]; cancellable: boolean }) {
  const t = useTranslations("orderCenter");
  const trpc = useTRPC();
  const transition = useMutation(trpc.orders.transition.mutationOptions());
  const cancel = useMutation(trpc.orders.cancel.mutationOptions());
  if (next.length === 0 && !cancellable) return <p className="text-sm text-muted-foreground">{t("actions.noActions")}</p>;
  return (
    <div className="flex flex-wrap gap-2" data-testid="order-actions">
      {next.map((status) => {
        const label = t("actions.moveTo", { status: knownMessage(t, `status.${status}`, status) });
        return (
          <ActionDialog
            key={status}
            label={label}
            title={label}
            testId={`move-${status}`}
            variant={status === next[0] ? "default" : "outline"}
            submit={(form) =>
              transition.mutateAsync({ mchNo, orderNo, input: { to: status as never, carrier: text(form, "carrier"), trackingNo: text(form, "trackingNo"), note: text(form, "note") } })
            }
          >
            {status === "SHIPPED" && (
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField id={`carrier-${status}`} label={t("actions.carrier")}>
                  <Input name="carrier" maxLength={64} placeholder="SF" />
                </FormField>
                <FormField id={`tracking-${status}`} label={t("actions.trackingNo")}>
                  <Input name="trackingNo" maxLength={64} className="font-mono" placeholder="SF1234567890" />
                </FormField>
              </div>
            )}
            <FormField id={`note-${status}`} label={t("actions.note")}>
              <Input name="note" maxLength={500} />
            </FormField>
          </ActionDialog>
        );
      })}
      {cancellable && (
        <ActionDialog
          label={t("actions.cancelOrder")}
          title={t("actions.cancelOrder")}
          description={t("actions.cancelHint")}
          variant="destructive"
          testId="cancel-order"
          submit={(form) => cancel.mutateAsync({ mchNo, orderNo, input: { reason: text(form, "reason") } })}
        >
          <FormField id="cancel-reason" label={t("actions.cancelReason")}>
            <Input name="reason" maxLength={500} />
          </FormField>
        </ActionDialog>
      )}
    </div>
  );
}
