"use client";

import { useMutation } from "@tanstack/react-query";
import { PlugZapIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { actionErrorKey } from "@/components/console/action-error";
import { useTRPC } from "@/components/trpc/provider";
import { channelMessage } from "@/server/i18n/channel-message";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** "Test connection": a lookup of a made-up order at the channel (the sandbox for TEST apps). */
export function TestConnectionButton({ mchNo, id }: { mchNo: string; id: string }) {
  const t = useTranslations("channelAccounts");
  const tErr = useTranslations("actionErrors");
  const tMessage = useTranslations("channelMessages");
  const trpc = useTRPC();
  const test = useMutation(trpc.channelAccounts.testConnection.mutationOptions());
  const result = test.data;
  return (
    <div className="flex flex-col gap-3">
      <div>
        <Button type="button" variant="outline" data-testid="test-connection" disabled={test.isPending} onClick={() => test.mutate({ mchNo, id })}>
          <PlugZapIcon />
          {test.isPending ? t("testing") : t("testConnection")}
        </Button>
      </div>
      {result && (
        <Alert variant={result.ok ? "default" : "destructive"} data-testid="connection-result" data-ok={result.ok}>
          <AlertTitle>{t(`verdict.${result.verdict}`)}</AlertTitle>
          <AlertDescription>
            <span>
              {t("latency", { ms: String(result.latencyMs) })} · {t("target")}: <span className="font-mono">{result.baseUrl}</span>
            </span>
            {!result.ok && result.detail && <span className="block break-all text-xs" title={result.detail}>{channelMessage(tMessage, result.detail)}</span>}
          </AlertDescription>
        </Alert>
      )}
      {test.error && (
        <Alert variant="destructive">
          <AlertDescription>{tErr(actionErrorKey(test.error))}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
