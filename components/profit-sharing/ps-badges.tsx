"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

type Variant = "success" | "warning" | "destructive" | "secondary";

const BIND: Record<string, Variant> = { PENDING: "warning", BOUND: "success", FAILED: "destructive" };
const SPLIT: Record<string, Variant> = { PENDING: "secondary", PROCESSING: "warning", FINISHED: "success", FAILED: "destructive" };
const RESULT: Record<string, Variant> = { PENDING: "warning", SUCCESS: "success", CLOSED: "destructive" };
const RETURN: Record<string, Variant> = { PROCESSING: "warning", SUCCEEDED: "success", FAILED: "destructive" };

/** A receiver's binding at the channel; a failed one says why (the channel's words) under it. */
export function BindStateBadge({ state, error }: { state: string; error?: string | null }) {
  const t = useTranslations("profitSharing");
  return (
    <div className="flex flex-col gap-1">
      <Badge variant={BIND[state] ?? "secondary"} data-testid="bind-state" data-state={state}>
        {t(`bindStates.${state}` as "bindStates.PENDING")}
      </Badge>
      {state === "FAILED" && error && <span className="max-w-48 text-xs text-destructive">{t("receivers.bindFailed", { reason: error })}</span>}
    </div>
  );
}

export function SplitStatusBadge({ status }: { status: string }) {
  const t = useTranslations("profitSharing.splitStatus");
  return (
    <Badge variant={SPLIT[status] ?? "secondary"} data-testid="split-status" data-status={status}>
      {t(status as "PENDING")}
    </Badge>
  );
}

export function ReceiverResultBadge({ result }: { result: string }) {
  const t = useTranslations("profitSharing.receiverResult");
  return (
    <Badge variant={RESULT[result] ?? "secondary"} data-testid="split-receiver-result" data-result={result}>
      {t(result as "PENDING")}
    </Badge>
  );
}

export function ReturnStatusBadge({ status }: { status: string }) {
  const t = useTranslations("profitSharing.returnStatus");
  return (
    <Badge variant={RETURN[status] ?? "secondary"} data-testid="return-status">
      {t(status as "PROCESSING")}
    </Badge>
  );
}
