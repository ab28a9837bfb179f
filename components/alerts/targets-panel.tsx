"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Fragment, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TestFailure } from "@/server/services/alerts-console/send-test-message";
import { alertErrorKey, type AlertErrorKey } from "./alert-error";
import { configOf, TargetForm, type TargetFormValues } from "./target-form";

type TestOutcome = { id: string; ok: true } | { id: string; ok: false; reason: TestFailure | "unavailable" };

/** The owner's notification targets: add, edit (secrets write-only), delete, send a test message. */
export function TargetsPanel({ mchNo }: { mchNo: string | null }) {
  const t = useTranslations("monitoring.targets");
  const ta = useTranslations("alerts");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const merchantList = useQuery({ ...trpc.alerts.targets.queryOptions({ mchNo: mchNo ?? "" }), enabled: mchNo !== null });
  const adminList = useQuery({ ...trpc.adminAlerts.targets.queryOptions(), enabled: mchNo === null });
  const data = mchNo !== null ? merchantList.data : adminList.data;
  const m = {
    create: useMutation(trpc.alerts.createTarget.mutationOptions()),
    update: useMutation(trpc.alerts.updateTarget.mutationOptions()),
    remove: useMutation(trpc.alerts.deleteTarget.mutationOptions()),
    test: useMutation(trpc.alerts.testTarget.mutationOptions()),
  };
  const a = {
    create: useMutation(trpc.adminAlerts.createTarget.mutationOptions()),
    update: useMutation(trpc.adminAlerts.updateTarget.mutationOptions()),
    remove: useMutation(trpc.adminAlerts.deleteTarget.mutationOptions()),
    test: useMutation(trpc.adminAlerts.testTarget.mutationOptions()),
  };
  const pending = [...Object.values(m), ...Object.values(a)].some((x) => x.isPending);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<AlertErrorKey | null>(null);
  const [tested, setTested] = useState<TestOutcome | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: mchNo !== null ? trpc.alerts.pathKey() : trpc.adminAlerts.pathKey() });

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(alertErrorKey(e));
      throw e;
    } finally {
      await refresh();
    }
  }
  const create = (v: TargetFormValues) =>
    run(() => {
      const target = { kind: v.kind, name: v.name, enabled: v.enabled, config: configOf(v) } as Parameters<typeof m.create.mutateAsync>[0]["target"];
      return mchNo !== null ? m.create.mutateAsync({ mchNo, target }) : a.create.mutateAsync({ target });
    }).catch(() => undefined);
  const update = (id: string) => (v: TargetFormValues) =>
    run(() => {
      const input = { id, name: v.name, enabled: v.enabled, config: v.replaceConfig ? configOf(v) : undefined };
      return mchNo !== null ? m.update.mutateAsync({ mchNo, ...input }) : a.update.mutateAsync(input);
    })
      .then(() => setEditing(null))
      .catch(() => undefined);
  const remove = (id: string, name: string) => {
    if (!window.confirm(t("deleteConfirm", { name }))) return;
    void run(() => (mchNo !== null ? m.remove.mutateAsync({ mchNo, id }) : a.remove.mutateAsync({ id }))).catch(() => undefined);
  };
  async function test(id: string) {
    setTested(null);
    try {
      const result = mchNo !== null ? await m.test.mutateAsync({ mchNo, id }) : await a.test.mutateAsync({ id });
      setTested({ id, ...result });
    } catch {
      setTested({ id, ok: false, reason: "unavailable" });
    }
  }

  if (!data) return null;
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle as="h2" className="text-base">
            {t("title")}
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {!data.mayManage && <p className="text-sm text-muted-foreground">{t("readOnly")}</p>}
          {error && <p className="rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2 text-sm text-destructive">{ta(`errors.${error}`)}</p>}
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("name")}</TableHead>
                  <TableHead>{t("kind")}</TableHead>
                  <TableHead>{t("destination")}</TableHead>
                  <TableHead>{t("enabled")}</TableHead>
                  <TableHead />
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.targets.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={5} className="py-6 text-center text-muted-foreground">
                      {t("empty")}
                    </TableCell>
                  </TableRow>
                )}
                {data.targets.map((target) => (
                  <Fragment key={target.id}>
                    <TableRow data-testid="target-row" className="align-top">
                      <TableCell>
                        <div className="font-medium">{target.name}</div>
                        <div className="text-xs text-muted-foreground">{target.usedBy > 0 ? t("usedBy", { count: target.usedBy }) : t("unused")}</div>
                      </TableCell>
                      <TableCell className="whitespace-nowrap">{ta(`targetKinds.${target.kind}`)}</TableCell>
                      <TableCell className="max-w-64 break-all text-sm">{target.description}</TableCell>
                      <TableCell>
                        <Badge variant={target.enabled ? "success" : "outline"}>{target.enabled ? t("enabled") : t("disabled")}</Badge>
                      </TableCell>
                      <TableCell className="whitespace-nowrap">
                        {data.mayManage && (
                          <div className="flex flex-col items-end gap-2">
                            <div className="flex gap-2">
                              <Button size="sm" variant="outline" disabled={pending} onClick={() => test(target.id)}>
                                {t("sendTest")}
                              </Button>
                              <Button size="sm" variant="outline" onClick={() => setEditing(editing === target.id ? null : target.id)}>
                                {t("edit")}
                              </Button>
                              <Button size="sm" variant="ghost" className="text-destructive" disabled={pending} onClick={() => remove(target.id, target.name)}>
                                {t("delete")}
                              </Button>
                            </div>
                            {tested?.id === target.id && (
                              <p role="status" data-testid="test-result" className={tested.ok ? "text-sm text-success" : "max-w-80 whitespace-normal text-right text-sm text-destructive"}>
                                {tested.ok ? t("testSent") : tested.reason === "unavailable" ? t("testUnavailable") : t("testFailed", { reason: t(`testReasons.${tested.reason}`) })}
                              </p>
                            )}
                          </div>
                        )}
                        <div className="mt-1 text-right text-xs text-muted-foreground">{format.dateTime(target.createdAt, { dateStyle: "short" })}</div>
                      </TableCell>
                    </TableRow>
                    {editing === target.id && (
                      <TableRow>
                        <TableCell colSpan={5} className="bg-muted/30">
                          <TargetForm existing={target} pending={pending} onSubmit={update(target.id)} onCancel={() => setEditing(null)} />
                        </TableCell>
                      </TableRow>
                    )}
                  </Fragment>
                ))}
              </TableBody>
            </Table>
          </div>
        </CardContent>
      </Card>
      {data.mayManage && (
        <Card>
          <CardHeader>
            <CardTitle as="h2" className="text-base">
              {t("add")}
            </CardTitle>
          </CardHeader>
          <CardContent>
            <TargetForm pending={pending} onSubmit={create} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
