"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { storeIdField } from "@/server/domain/member-schema";

export type PosSetupView = {
  apps: { id: string; name: string; mode: "TEST" | "LIVE"; barcodeAccounts: number }[];
  stores: string[];
  anyStore: boolean;
  merchantName: string;
};

export type PosChoice = { appId: string; storeId: string };

const key = (mchNo: string, userId: string) => `paycenter.pos.${mchNo}.${userId}`;

/**
 * The app and store this member takes payments with, remembered by this browser (per merchant and member). A
 * remembered choice the setup no longer offers (an app disabled, a store taken away) is dropped; with one app that
 * takes payment codes and one store there is nothing to choose. The server checks both on every payment.
 */
export function usePosChoice(mchNo: string, userId: string, setup: PosSetupView) {
  const [choice, setChoice] = useState<PosChoice | null>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let stored: PosChoice | null = null;
    try {
      stored = JSON.parse(window.localStorage.getItem(key(mchNo, userId)) ?? "null") as PosChoice | null;
    } catch {
      stored = null;
    }
    const valid = (c: PosChoice | null) => !!c && setup.apps.some((a) => a.id === c.appId) && (setup.anyStore ? storeIdField.safeParse(c.storeId).success : setup.stores.includes(c.storeId));
    if (valid(stored)) setChoice(stored);
    const payable = setup.apps.length === 1 ? setup.apps : setup.apps.filter((a) => a.barcodeAccounts > 0);
    if (!valid(stored) && payable.length === 1 && setup.stores.length === 1 && !setup.anyStore) setChoice({ appId: payable[0]!.id, storeId: setup.stores[0]! });
    setLoaded(true);
  }, [mchNo, userId, setup]);
  const save = (next: PosChoice) => {
    window.localStorage.setItem(key(mchNo, userId), JSON.stringify(next));
    setChoice(next);
  };
  return { choice, loaded, save, clear: () => setChoice(null) };
}

/** Choose the app and the store (a cashier: among its own; the owner: any, with the known ones offered). */
export function PosSettings({ setup, initial, onSave, error }: { setup: PosSetupView; initial: PosChoice | null; onSave: (choice: PosChoice) => void; error?: string | null }) {
  const t = useTranslations("pos");
  const [appId, setAppId] = useState(initial?.appId ?? setup.apps[0]?.id ?? "");
  const [storeId, setStoreId] = useState(initial?.storeId ?? setup.stores[0] ?? "");
  const [storeError, setStoreError] = useState<string | null>(null);
  const app = setup.apps.find((a) => a.id === appId);
  if (setup.apps.length === 0 || (!setup.anyStore && setup.stores.length === 0)) {
    return (
      <Alert>
        <AlertDescription>{setup.apps.length === 0 ? t("settings.noApps") : t("settings.noStores")}</AlertDescription>
      </Alert>
    );
  }
  return (
    <Card className="w-full max-w-md" data-testid="pos-settings">
      <CardHeader>
        <CardTitle>{t("settings.title")}</CardTitle>
        <CardDescription>{setup.merchantName}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const parsed = storeIdField.safeParse(storeId);
            if (!parsed.success || (!setup.anyStore && !setup.stores.includes(parsed.data))) {
              setStoreError(t(parsed.success ? "fieldErrors.storeNotYours" : storeId.trim() ? "fieldErrors.storeIdInvalid" : "fieldErrors.storeRequired"));
              return;
            }
            onSave({ appId, storeId: parsed.data });
          }}
        >
          {error && (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          )}
          <FormField id="pos-app" label={t("settings.app")} description={app && app.barcodeAccounts === 0 ? t("settings.noBarcode") : undefined}>
            <NativeSelect value={appId} onChange={(e) => setAppId(e.target.value)}>
              {setup.apps.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField id="pos-store" label={t("settings.store")} description={setup.anyStore ? t("settings.storeHint") : undefined} error={storeError ?? undefined}>
            {setup.anyStore ? (
              <Input list="pos-known-stores" className="font-mono" value={storeId} onChange={(e) => setStoreId(e.target.value)} autoComplete="off" />
            ) : (
              <NativeSelect value={storeId} onChange={(e) => setStoreId(e.target.value)}>
                {setup.stores.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </NativeSelect>
            )}
          </FormField>
          {setup.anyStore && (
            <datalist id="pos-known-stores">
              {setup.stores.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
          <Button type="submit" size="lg">
            {t("settings.save")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
