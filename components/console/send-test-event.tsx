"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { httpUrl } from "@/server/domain/pay-order-schema";
import { actionErrorKey } from "./action-error";

/** "Send test event": one signed webhook.test POST, now, with the endpoint's answer shown at once. */
export function SendTestEvent({ mchNo, appId, defaultUrl }: { mchNo: string; appId: string; defaultUrl: string | null }) {
  const t = useTranslations("webhooks");
  const tErr = useTranslations("actionErrors");
  const router = useRouter();
  const trpc = useTRPC();
  const [url, setUrl] = useState(defaultUrl ?? "");
  const [invalid, setInvalid] = useState(false);
  const send = useMutation(trpc.webhooks.sendTest.mutationOptions({ onSuccess: () => router.refresh() }));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const ok = httpUrl.safeParse(url.trim()).success;
    setInvalid(!ok);
    if (ok) send.mutate({ mchNo, appId, url: url.trim() });
  };
  const result = send.data;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <FormField id={`test-url-${appId}`} label={t("url")} error={invalid ? t("urlInvalid") : undefined} className="min-w-72 flex-1">
          <Input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/paycenter/notify" />
        </FormField>
        <Button type="submit" disabled={send.isPending}>
          {send.isPending ? t("sending") : t("send")}
        </Button>
      </div>
      {result && (
        <Alert variant={result.delivered ? "default" : "destructive"} data-testid="test-event-result">
          <AlertDescription>
            {result.delivered
              ? t("delivered", { status: result.statusCode ?? 0, latency: result.latencyMs })
              : t("notDelivered", { reason: result.error ?? `HTTP ${result.statusCode}` })}
          </AlertDescription>
        </Alert>
      )}
      {send.error && (
        <Alert variant="destructive">
          <AlertDescription>{tErr(actionErrorKey(send.error))}</AlertDescription>
        </Alert>
      )}
    </form>
  );
}
