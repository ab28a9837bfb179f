"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
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
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/domain/money";
import { bpsToPercent } from "@/server/domain/profit-sharing-form";
import { psErrorKey } from "./ps-error";
import { RuleDialog } from "./rule-dialog";
import type { RuleRow } from "./types";

/** An app's rules: receiver, share, which orders, enabled; edit and delete for those who may manage. */
export function RulesTable({
  mchNo,
  appId,
  rules,
  receivers,
  choosable,
  mayManage,
}: {
  mchNo: string;
  appId: string;
  rules: RuleRow[];
  /** Every receiver a rule may name (removed ones too), and those a rule may be changed to. */
  receivers: { id: string; label: string }[];
  choosable: { id: string; label: string }[];
  mayManage: boolean;
}) {
  const t = useTranslations("profitSharing");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.profitSharing.rules.queryKey() });
    router.refresh();
  };
  const setEnabled = useMutation(trpc.profitSharing.setRuleEnabled.mutationOptions({ onSettled: refresh }));
  const receiverLabel = (id: string) => receivers.find((r) => r.id === id)?.label ?? "—";
  if (rules.length === 0) return <p className="p-4 text-sm text-muted-foreground">{t("rules.empty")}</p>;
  return (
    <>
      {setEnabled.error && <p className="px-4 pt-3 text-sm text-destructive">{t(`errors.${psErrorKey(setEnabled.error)}`)}</p>}
      <Table data-testid="rules-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t("rules.name")}</TableHead>
            <TableHead>{t("rules.receiver")}</TableHead>
            <TableHead className="text-right">{t("rules.share")}</TableHead>
            <TableHead>{t("rules.orders")}</TableHead>
            <TableHead>{t("rules.enabled")}</TableHead>
            {mayManage && <TableHead className="text-right">{t("rules.actions")}</TableHead>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rules.map((rule) => (
            <TableRow key={rule.id} data-testid="rule-row">
              <TableCell className="max-w-48 truncate font-medium" title={rule.name}>
                {rule.name}
              </TableCell>
              <TableCell className="max-w-48 truncate text-sm">{receiverLabel(rule.receiverId)}</TableCell>
              <TableCell className="whitespace-nowrap text-right tabular-nums" data-testid="rule-share">
                {rule.mode === "RATIO" && rule.ratioBps !== null
                  ? `${t("rules.ratio")} ${t("rules.ratioValue", { percent: bpsToPercent(rule.ratioBps) })}`
                  : `${t("rules.fixed")} ${rule.amount !== null ? formatMoney(rule.amount, "CNY", locale) : "—"}`}
              </TableCell>
              <TableCell className="max-w-56 truncate text-sm" title={rule.match === "METADATA" ? `${rule.metadataKey ?? ""} = ${rule.metadataValue ?? ""}` : (rule.storeId ?? undefined)}>
                {rule.match === "STORE"
                  ? t("rules.matchSTORE", { store: rule.storeId ?? "" })
                  : rule.match === "METADATA"
                    ? t("rules.matchMETADATA", { key: rule.metadataKey ?? "", value: rule.metadataValue ?? "" })
                    : t("rules.matchALL")}
              </TableCell>
              <TableCell>
                <Switch
                  checked={rule.enabled}
                  disabled={!mayManage || setEnabled.isPending}
                  aria-label={t("rules.enabled")}
                  data-testid="rule-enabled"
                  onCheckedChange={(enabled) => setEnabled.mutate({ mchNo, ruleId: rule.id, enabled })}
                />
              </TableCell>
              {mayManage && (
                <TableCell className="whitespace-nowrap text-right">
                  <RuleDialog mchNo={mchNo} appId={appId} receivers={withCurrent(choosable, receivers, rule.receiverId)} rule={rule} />
                  <DeleteRuleButton mchNo={mchNo} ruleId={rule.id} name={rule.name} onDeleted={refresh} />
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** The choices of a rule's receiver: the choosable ones, and the one it names now even if no longer choosable. */
function withCurrent(choosable: { id: string; label: string }[], all: { id: string; label: string }[], current: string) {
  const mine = all.find((r) => r.id === current);
  return mine && !choosable.some((r) => r.id === current) ? [mine, ...choosable] : choosable;
}

function DeleteRuleButton({ mchNo, ruleId, name, onDeleted }: { mchNo: string; ruleId: string; name: string; onDeleted: () => Promise<void> }) {
  const t = useTranslations("profitSharing");
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const remove = useMutation(trpc.profitSharing.deleteRule.mutationOptions({ onSuccess: async () => (setOpen(false), await onDeleted()) }));
  return (
    <AlertDialog open={open} onOpenChange={(next) => (setOpen(next), remove.reset())}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" data-testid="delete-rule">
          {t("rules.delete")}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{t("rules.deleteTitle")}</AlertDialogTitle>
          <AlertDialogDescription>{t("rules.deleteDescription", { name })}</AlertDialogDescription>
        </AlertDialogHeader>
        {remove.error && <p className="text-sm text-destructive">{t(`errors.${psErrorKey(remove.error)}`)}</p>}
        <AlertDialogFooter>
          <AlertDialogCancel>{t("rules.cancel")}</AlertDialogCancel>
          <AlertDialogAction
            data-testid="confirm-delete-rule"
            disabled={remove.isPending}
            onClick={(e) => {
              e.preventDefault();
              remove.mutate({ mchNo, ruleId });
            }}
          >
            {t("rules.confirmDelete")}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
