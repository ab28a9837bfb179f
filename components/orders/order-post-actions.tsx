"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { parseStoreList } from "@/server/domain/member-schema";
import { ActionDialog } from "./order-actions";

type Line = { sku: string; name: string; quantity: number };

/** 拆单: each line goes to a parcel by number; at least two parcels make the children (amounts shared pro rata by the service). */
export function SplitAction({ mchNo, orderNo, lines }: { mchNo: string; orderNo: string; lines: Line[] }) {
  const t = useTranslations("orderCenter");
  const trpc = useTRPC();
  const split = useMutation(trpc.orders.split.mutationOptions());
  return (
    <ActionDialog
      label={t("actions.split")}
      title={t("actions.split")}
      description={t("actions.splitHint")}
      testId="split-order"
      submit={(form) => {
        const parts = new Map<number, { sku: string; quantity: number }[]>();
        lines.forEach((line, index) => {
          const part = Number(form.get(`part-${index}`)) || 1;
          parts.set(part, [...(parts.get(part) ?? []), { sku: line.sku, quantity: line.quantity }]);
        });
        const ordered = [...parts.entries()].sort(([a], [b]) => a - b).map(([, partLines]) => ({ lines: partLines }));
        return split.mutateAsync({ mchNo, orderNo, input: { parts: ordered } });
      }}
    >
      <div className="flex flex-col gap-2">
        {lines.map((line, index) => (
          <label key={index} className="flex items-center justify-between gap-3 text-sm">
            <span className="min-w-0 truncate">
              <span className="font-mono text-xs">{line.sku}</span> {line.name} × {line.quantity}
            </span>
            <select name={`part-${index}`} defaultValue={String(Math.min(index + 1, 2))} className="h-8 rounded-md border bg-background px-2 text-sm" aria-label={`${line.sku}`}>
              {lines.map((_, n) => (
                <option key={n} value={n + 1}>
                  {t("actions.part", { n: n + 1 })}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </ActionDialog>
  );
}

/** 合并发货: this order and others of the same buyer in one parcel. */
export function MergedShipmentAction({ mchNo, orderNo }: { mchNo: string; orderNo: string }) {
  const t = useTranslations("orderCenter");
  const trpc = useTRPC();
  const ship = useMutation(trpc.orders.ship.mutationOptions());
  const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim() || undefined;
  return (
    <ActionDialog
      label={t("actions.mergeShip")}
      title={t("actions.mergeShip")}
      description={t("actions.mergeShipHint")}
      testId="merged-shipment"
      submit={(form) =>
        ship.mutateAsync({
          mchNo,
          input: { orderNos: [orderNo, ...parseStoreList(String(form.get("others") ?? "")).filter((no) => no !== orderNo)], carrier: text(form, "carrier"), trackingNo: text(form, "trackingNo") },
        })
      }
    >
      <FormField id="merge-others" label={t("actions.otherOrders")}>
        <Input name="others" className="font-mono" placeholder="O2026…, O2026…" />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="merge-carrier" label={t("actions.carrier")}>
          <Input name="carrier" maxLength={32} placeholder="SF" />
        </FormField>
        <FormField id="merge-tracking" label={t("actions.trackingNo")}>
          <Input name="trackingNo" maxLength={64} className="font-mono" />
        </FormField>
      </div>
    </ActionDialog>
  );
}

/** Approve (refunds it through the payment center) or reject a pending after-sale. */
export function AfterSaleDecision({ mchNo, afterSaleId }: { mchNo: string; afterSaleId: string }) {
  const t = useTranslations("orderCenter.actions");
  const trpc = useTRPC();
  const approve = useMutation(trpc.orders.approveAfterSale.mutationOptions());
  const reject = useMutation(trpc.orders.rejectAfterSale.mutationOptions());
  return (
    <div className="flex justify-end gap-2">
      <ActionDialog label={t("approve")} title={t("approve")} variant="default" testId="approve-after-sale" submit={() => approve.mutateAsync({ mchNo, afterSaleId })} />
      <ActionDialog label={t("reject")} title={t("reject")} testId="reject-after-sale" submit={(form) => reject.mutateAsync({ mchNo, afterSaleId, input: { reason: String(form.get("reason") ?? "") } })}>
        <FormField id={`reject-${afterSaleId}`} label={t("rejectReason")}>
          <Input name="reason" maxLength={256} required />
        </FormField>
      </ActionDialog>
    </div>
  );
}
