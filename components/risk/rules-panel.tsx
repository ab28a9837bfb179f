"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RiskRuleView } from "@/server/domain/risk";
import type { RiskRuleInput } from "@/server/domain/risk-rule-schema";
import { RiskActionBadge, RiskStatusBadge } from "./risk-badges";
import { useRiskText } from "./risk-text";
import { NEW_RULE, RiskRuleForm } from "./rule-form";
import { useRiskApi } from "./use-risk-api";

export type RuleRow = RiskRuleView & { status: "DRAFT" | "ACTIVE" | "DISABLED"; updatedAt: Date };

/**
 * A scope's rules (a merchant's, or the platform's without mchNo): a table with each rule in words, and the editor
 * for a new rule (saved as a draft) or an edit. Activate, disable and delete from the table; `canManage` false: read.
 */
export function RiskRulesPanel({ mchNo, rules, canManage }: { mchNo?: string; rules: RuleRow[]; canManage: boolean }) {
  const t = useTranslations("risk");
  const text = useRiskText();
  const router = useRouter();
  const api = useRiskApi(mchNo);
  const [editing, setEditing] = useState<RuleRow | "new" | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  const act = async (id: string, run: () => Promise<unknown>) => {
    setBusy(id);
    setFailed(false);
    try {
      await run();
      router.refresh();
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  const toInput = (r: RuleRow): RiskRuleInput => ({ name: r.name, checkpoints: r.checkpoints, condition: r.condition, action: r.action, priority: r.priority });

  return (
    <div className="grid gap-6">
      {editing && (
        <Card data-testid="risk-rule-editor">
          <CardHeader>
            <CardTitle>{editing === "new" ? t("rules.newTitle") : t("rules.editTitle", { name: editing.name })}</CardTitle>
            <CardDescription>{editing === "new" ? t("rules.newDescription") : editing.status === "ACTIVE" ? t("rules.editActive") : t("rules.newDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <RiskRuleForm
              key={editing === "new" ? "new" : editing.id}
              mchNo={mchNo}
              ruleId={editing === "new" ? undefined : editing.id}
              initial={editing === "new" ? NEW_RULE : toInput(editing)}
              submitLabel={editing === "new" ? t("rules.saveDraft") : t("rules.save")}
              onCancel={() => setEditing(null)}
              onSubmit={async (rule) => {
                if (editing === "new") await api.createRule(rule);
                else await api.updateRule(editing.id, editing.updatedAt, rule);
                setEditing(null);
                router.refresh();
              }}
            />
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
          <div className="grid gap-1.5">
            <CardTitle>{t("rules.title")}</CardTitle>
            <CardDescription>{mchNo ? t("rules.description") : t("rules.platformDescription")}</CardDescription>
          </div>
          {canManage && !editing && (
            <Button onClick={() => setEditing("new")} data-testid="risk-rule-new">
              {t("rules.new")}
            </Button>
          )}
        </CardHeader>
        <CardContent className="grid gap-3">
          {failed && <p className="text-sm text-destructive">{t("rules.actionFailed")}</p>}
          {rules.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("rules.empty")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("columns.name")}</TableHead>
                  <TableHead>{t("columns.condition")}</TableHead>
                  <TableHead>{t("columns.checkpoints")}</TableHead>
                  <TableHead>{t("columns.action")}</TableHead>
                  <TableHead className="text-right">{t("columns.priority")}</TableHead>
                  <TableHead>{t("columns.status")}</TableHead>
                  {canManage && <TableHead className="text-right">{t("columns.operations")}</TableHead>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rules.map((r) => (
                  <TableRow key={r.id} data-testid="risk-rule-row" data-rule-name={r.name}>
                    <TableCell className="max-w-48 font-medium whitespace-normal break-words">{r.name}</TableCell>
                    <TableCell className="max-w-80 whitespace-normal">{text.condition(r.condition)}</TableCell>
                    <TableCell className="max-w-40 whitespace-normal text-xs">{r.checkpoints.map((c) => t(`checkpoints.${c}`)).join(" · ")}</TableCell>
                    <TableCell>
                      <RiskActionBadge action={r.action} />
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{r.priority}</TableCell>
                    <TableCell>
                      <RiskStatusBadge status={r.status} />
                    </TableCell>
                    {canManage && (
                      <TableCell className="text-right">
                        <div className="flex justify-end gap-1">
                          {r.status !== "ACTIVE" ? (
                            <Button size="sm" variant="outline" disabled={busy === r.id} onClick={() => act(r.id, () => api.setStatus(r.id, "ACTIVE"))}>
                              {t("rules.activate")}
                            </Button>
                          ) : (
                            <Button size="sm" variant="outline" disabled={busy === r.id} onClick={() => act(r.id, () => api.setStatus(r.id, "DISABLED"))}>
                              {t("rules.disable")}
                            </Button>
                          )}
                          <Button size="sm" variant="ghost" disabled={!!editing} onClick={() => setEditing(r)}>
                            {t("rules.edit")}
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            className="text-destructive"
                            disabled={busy === r.id}
                            onClick={() => {
                              if (window.confirm(t("rules.confirmDelete", { name: r.name }))) void act(r.id, () => api.deleteRule(r.id));
                            }}
                          >
                            {t("rules.delete")}
                          </Button>
                        </div>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
