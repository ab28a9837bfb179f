"use client";

import { useMutation } from "@tanstack/react-query";
import { SendIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { actionErrorKey } from "@/components/console/action-error";
import { useTRPC } from "@/components/trpc/provider";
import { channelMessage } from "@/server/i18n/channel-message";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** "Send test request": the server signs and sends a harmless Open API call; shows status, latency, answer. */
export function TestRequestButton({ mchNo, appId }: { mchNo: string; appId: string }) {
  const t = useTranslations("appDetail");
  const tErr = useTranslations("actionErrors");
  const tMessage = useTranslations("channelMessages");
  const trpc = useTRPC();
  const send = useMutation(trpc.apps.sendTestRequest.mutationOptions());
  const result = send.data;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" data-testid="send-test-request" disabled={send.isPending} onClick={() => send.mutate({ mchNo, appId })}>
          <SendIcon />
          {send.isPending ? t("sending") : t("testRequest")}
        </Button>
        <p className="text-sm text-muted-foreground">{t("testRequestHint")}</p>
      </div>
      {result && (
        <div data-testid="test-request-result" className="flex flex-col gap-2">
          <Alert variant={result.signatureAccepted && result.code === "ORDER_NOT_FOUND" ? "default" : "destructive"}>
            <AlertDescription>
              {result.error
                ? t("testFailed", { error: channelMessage(tMessage, result.error) })
                : result.signatureAccepted && result.code === "ORDER_NOT_FOUND"
                  ? t("testAccepted")
                  : t("testRefused", { code: result.code ?? String(result.status) })}
            </AlertDescription>
          </Alert>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">{t("testStatus")}</dt>
            <dd className="font-mono" data-testid="test-request-status">
              {result.status ?? "—"}
            </dd>
            <dt className="text-muted-foreground">{t("testLatency")}</dt>
            <dd className="font-mono">{result.latencyMs} ms</dd>
            <dt className="text-muted-foreground">{result.method}</dt>
            <dd className="break-all font-mono text-xs">{result.url}</dd>
          </dl>
          {result.body && (
            <pre className="max-h-48 overflow-auto rounded-md border bg-muted p-3 text-xs" aria-label={t("testAnswer")}>
              {result.body}
            </pre>
          )}
        </div>
      )}
      {send.error && (
        <Alert variant="destructive">
          <AlertDescription>{tErr(actionErrorKey(send.error))}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
