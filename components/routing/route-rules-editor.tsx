"use client";

import { closestCenter, DndContext, type DragEndEvent, KeyboardSensor, PointerSensor, useSensor, useSensors } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { GripVertical } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useState } from "react";
import { type FieldPath, useFieldArray, useForm, useWatch } from "react-hook-form";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DEFAULT_PARAMS, EMPTY_CONDITIONS, type RouteRuleInput, type RouteRuleSet, routeRuleSetSchema } from "@/server/domain/route-rule-schema";
import type { AppRouter } from "@/server/trpc/root";
import { type EditorAccount, RouteRuleFields } from "./route-rule-fields";
import { RouteSimulator } from "./route-simulator";
import { RuleSummary } from "./rule-summary";
import { useRuleError } from "./use-rule-error";

type Props = { mchNo: string; appId: string; version: number; rules: RouteRuleInput[]; accounts: EditorAccount[] };

function SortableRule({ id, disabled, children }: { id: string; disabled: boolean; children: (handle: ReactNode) => ReactNode }) {
  const t = useTranslations("routing");
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled });
  const handle = disabled ? (
    <span className="w-6" />
  ) : (
    <button type="button" ref={setActivatorNodeRef} className="cursor-grab touch-none text-muted-foreground" aria-label={t("dragHandle")} {...attributes} {...listeners}>
      <GripVertical className="size-5" />
    </button>
  );
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Transform.toString(transform), transition }} className={isDragging ? "relative z-10 opacity-80" : undefined} data-testid="route-rule">
      {children(handle)}
    </li>
  );
}

/**
 * The app's rule set as one form (react-hook-form + the server's zod schema): drag to reorder,
 * add, edit, enable or delete rules (the default rule stays last and cannot be deleted or turned
 * off), try the draft in the simulator, save. A save is based on the version loaded: a concurrent
 * edit is refused, not overwritten.
 */
export function RouteRulesEditor({ mchNo, appId, version: initialVersion, rules, accounts }: Props) {
  const t = useTranslations("routing");
  const ruleError = useRuleError();
  const trpc = useTRPC();
  const [version, setVersion] = useState(initialVersion);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [openIndex, setOpenIndex] = useState<number | null>(null);
  const [notice, setNotice] = useState<"saved" | "conflict" | "saveFailed" | "draftInvalid" | null>(null);
  const form = useForm<RouteRuleSet>({ resolver: zodResolver(routeRuleSetSchema), defaultValues: { appId, rules } });
  const { control, register, handleSubmit, formState, reset, setError, trigger, getValues } = form;
  const list = useFieldArray({ control, name: "rules", keyName: "key" });
  const values = useWatch({ control, name: "rules" });
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const save = useMutation(trpc.routing.save.mutationOptions());

  const toggle = (key: string) => setExpanded((current) => {
    const next = new Set(current);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = list.fields.findIndex((f) => f.key === active.id);
    const to = list.fields.findIndex((f) => f.key === over.id);
    if (from < 0 || to < 0 || list.fields[to].isDefault) return;
    list.move(from, to);
  };

  const onSubmit = handleSubmit(async (value) => {
    setNotice(null);
    try {
      const saved = await save.mutateAsync({ mchNo, version, ...value });
      setVersion(saved.version);
      reset({ appId, rules: saved.rules });
      setExpanded(new Set());
      setNotice("saved");
    } catch (error) {
      const data = error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data : undefined;
      if (data?.code === "CONFLICT") return setNotice("conflict");
      const fieldErrors = (data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
      for (const [field, messages] of Object.entries(fieldErrors ?? {})) setError(field as FieldPath<RouteRuleSet>, { message: messages[0] });
      const field = (data as { field?: string } | undefined)?.field;
      if (field) setError(field as FieldPath<RouteRuleSet>, { message: "invalid" });
      setNotice("saveFailed");
    }
  });

  /** The draft rules for the simulator, if they are valid (errors are shown on the fields). */
  const draft = async () => {
    if (await trigger()) return getValues().rules;
    setNotice("draftInvalid");
    return null;
  };

  const addRule = () => {
    const rule: RouteRuleInput = { name: t("newRuleName"), enabled: true, isDefault: false, conditions: EMPTY_CONDITIONS, strategy: "fixed", params: DEFAULT_PARAMS, targets: [] };
    const index = Math.max(0, list.fields.length - 1);
    list.insert(index, rule);
    setOpenIndex(index);
    setNotice(null);
  };
  // open the rule just added: its key exists once the field array has re-rendered
  useEffect(() => {
    if (openIndex === null) return;
    const key = list.fields[openIndex]?.key;
    if (key) setExpanded((current) => new Set(current).add(key));
    setOpenIndex(null);
  }, [openIndex, list.fields]);

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t("rulesTitle")}</CardTitle>
          <CardDescription>{t("rulesDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {notice && (
            <Alert variant={notice === "saved" ? "default" : "destructive"} data-testid="rules-notice">
              <AlertDescription>{t(notice)}</AlertDescription>
            </Alert>
          )}
          {formState.errors.rules?.root?.message && <p className="text-sm text-destructive">{ruleError(formState.errors.rules.root.message)}</p>}
          <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
            <SortableContext items={list.fields.map((f) => f.key)} strategy={verticalListSortingStrategy}>
              <ol className="grid gap-3">
                {list.fields.map((field, index) => {
                  const rule = values?.[index] ?? field;
                  const open = expanded.has(field.key);
                  const hasError = !!formState.errors.rules?.[index];
                  return (
                    <SortableRule key={field.key} id={field.key} disabled={field.isDefault}>
                      {(handle) => (
                        <div className={`rounded-lg border bg-card p-4 ${hasError ? "border-destructive" : ""}`}>
                          <div className="flex items-start gap-3">
                            {handle}
                            <div className="grid flex-1 gap-1">
                              <div className="flex flex-wrap items-center gap-2">
                                <span className="text-sm tabular-nums text-muted-foreground">{index + 1}.</span>
                                <span className="font-medium" data-testid="route-rule-name">{rule.name}</span>
                                {field.isDefault && <Badge variant="secondary">{t("defaultBadge")}</Badge>}
                                {!rule.enabled && <Badge variant="outline">{t("disabledBadge")}</Badge>}
                              </div>
                              <RuleSummary rule={rule} accounts={accounts} />
                            </div>
                            <Button type="button" variant="ghost" size="sm" onClick={() => toggle(field.key)}>
                              {open ? t("collapse") : t("edit")}
                            </Button>
                            {!field.isDefault && (
                              <Button type="button" variant="ghost" size="sm" className="text-destructive" onClick={() => list.remove(index)}>
                                {t("delete")}
                              </Button>
                            )}
                          </div>
                          {(open || hasError) && (
                            <div className="mt-4 border-t pt-4">
                              <RouteRuleFields index={index} control={control} register={register} errors={formState.errors} accounts={accounts} isDefault={field.isDefault} />
                            </div>
                          )}
                        </div>
                      )}
                    </SortableRule>
                  );
                })}
              </ol>
            </SortableContext>
          </DndContext>
          <div className="flex flex-wrap items-center gap-2">
            <Button type="button" variant="outline" onClick={addRule}>
              {t("addRule")}
            </Button>
            <div className="flex-1" />
            {formState.isDirty && <span className="text-sm text-muted-foreground">{t("unsaved")}</span>}
            <Button type="button" variant="ghost" disabled={!formState.isDirty} onClick={() => reset()}>
              {t("reset")}
            </Button>
            <Button type="submit" disabled={formState.isSubmitting}>
              {formState.isSubmitting ? t("saving") : t("save")}
            </Button>
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("simulateTitle")}</CardTitle>
          <CardDescription>{t("simulateDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <RouteSimulator mchNo={mchNo} appId={appId} draft={draft} />
        </CardContent>
      </Card>
    </form>
  );
}
