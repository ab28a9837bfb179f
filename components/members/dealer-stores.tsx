"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { parseStoreList } from "@/server/domain/member-schema";

/** A dealer member's stores (经销商门店): shown under its role, editable by the owner. */
export function DealerStores({ mchNo, membershipId, email, storeIds }: { mchNo: string; membershipId: string; email: string; storeIds: string[] }) {
  const t = useTranslations("orderCenter.dealer");
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.members.setStores.mutationOptions());
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(storeIds.join(", "));
  const [failed, setFailed] = useState(false);

  if (!editing) {
    return (
      <div className="mt-1 flex flex-wrap items-center gap-1 text-xs text-muted-foreground" data-testid="dealer-stores">
        <span>{t("stores")}:</span>
        <span className="font-mono">{storeIds.length ? storeIds.join(", ") : t("noStores")}</span>
        <Button variant="link" size="sm" className="h-auto p-0 text-xs" onClick={() => setEditing(true)}>
          {t("editStores")}
        </Button>
      </div>
    );
  }
  return (
    <form
      className="mt-1 flex flex-wrap items-center gap-1"
      onSubmit={async (event) => {
        event.preventDefault();
        setFailed(false);
        try {
          await save.mutateAsync({ mchNo, membershipId, storeIds: parseStoreList(text) });
          setEditing(false);
          router.refresh();
        } catch {
          setFailed(true);
        }
      }}
    >
      <Input aria-label={t("storesOf", { email })} value={text} onChange={(e) => setText(e.target.value)} className="h-8 w-48 font-mono text-xs" placeholder="S01, S02" />
      <Button type="submit" size="sm" disabled={save.isPending}>
        {t("save")}
      </Button>
      {failed && <span className="text-xs text-destructive">{t("storesInvalid")}</span>}
    </form>
  );
}
