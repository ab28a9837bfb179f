"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bookmark, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { withParams } from "@/components/console/query-params";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { SavedViewFilters } from "@/server/domain/order-center-filters";

/** The member's saved views of the order list: one click opens a view's filters; the current filters save under a name. */
export function SavedViews({ mchNo, base, filters }: { mchNo: string; base: string; filters: SavedViewFilters }) {
  const t = useTranslations("orderCenter.views");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const views = useQuery(trpc.orders.listViews.queryOptions({ mchNo }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.orders.listViews.queryKey() });
  const save = useMutation(trpc.orders.saveView.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.orders.deleteView.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState("");
  const hasFilters = Object.values(filters).some(Boolean);

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="saved-views">
      <span className="flex items-center gap-1 text-xs font-medium text-muted-foreground">
        <Bookmark className="size-3.5" aria-hidden /> {t("title")}
      </span>
      {views.data?.length === 0 && <span className="text-xs text-muted-foreground">{t("none")}</span>}
      {views.data?.map((view) => (
        <span key={view.id} className="flex items-center rounded-full border bg-card pl-3 text-xs">
          <Link href={`${base}${withParams(view.filters as Record<string, string | undefined>, {})}`} aria-label={t("open", { name: view.name })} className="hover:underline">
            {view.name}
          </Link>
          <button type="button" className="rounded-full p-1 text-muted-foreground hover:text-destructive" aria-label={t("delete", { name: view.name })} onClick={() => remove.mutate({ mchNo, id: view.id })}>
            <X className="size-3" />
          </button>
        </span>
      ))}
      {hasFilters && (
        <form
          className="ml-auto flex items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ mchNo, name, filters }, { onSuccess: () => setName("") });
          }}
        >
          <Input aria-label={t("name")} placeholder={t("namePlaceholder")} value={name} onChange={(e) => setName(e.target.value)} maxLength={40} className="h-8 w-44" />
          <Button type="submit" size="sm" variant="outline" disabled={!name.trim() || save.isPending}>
            {t("save")}
          </Button>
          {save.isError && <span className="text-xs text-destructive">{t("failed")}</span>}
          {save.isSuccess && <span className="text-xs text-muted-foreground">{t("saved")}</span>}
        </form>
      )}
    </div>
  );
}
