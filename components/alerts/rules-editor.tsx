"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { RuleForm } from "./rule-form";

/** Every alert rule of the merchant (or the platform: mchNo null), each with its own form. */
export function RulesEditor({ mchNo }: { mchNo: string | null }) {
  const t = useTranslations("monitoring.rules");
  const trpc = useTRPC();
  const merchantRules = useQuery({ ...trpc.alerts.rules.queryOptions({ mchNo: mchNo ?? "" }), enabled: mchNo !== null });
  const adminRules = useQuery({ ...trpc.adminAlerts.rules.queryOptions(), enabled: mchNo === null });
  const merchantTargets = useQuery({ ...trpc.alerts.targets.queryOptions({ mchNo: mchNo ?? "" }), enabled: mchNo !== null });
  const adminTargets = useQuery({ ...trpc.adminAlerts.targets.queryOptions(), enabled: mchNo === null });
  const rules = mchNo !== null ? merchantRules.data : adminRules.data;
  const targets = mchNo !== null ? merchantTargets.data : adminTargets.data;
  if (!rules || !targets) return null;
  return (
    <div className="flex flex-col gap-4">
      {!rules.mayManage && <p className="text-sm text-muted-foreground">{t("readOnly")}</p>}
      {rules.rules.map((rule) => (
        <RuleForm key={rule.id} mchNo={mchNo} rule={rule} targets={targets.targets} canEdit={rules.mayManage} />
      ))}
    </div>
  );
}
