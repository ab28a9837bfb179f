"use client";

import { Ticket } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { NativeSelect } from "@/components/ui/native-select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { CouponCsvForm } from "./coupon-csv-form";
import { SingleCouponForm } from "./single-coupon-form";

type App = { id: string; name: string; mode: string };

/**
 * "发券" (OWNER, FINANCE): one buyer through a form, or a CSV list with a result per row. Coupons belong
 * to an app (their numbers are unique per app): a merchant with several apps picks one.
 */
export function IssueCouponsDialog({ mchNo, apps, buyerId }: { mchNo: string; apps: App[]; buyerId?: string }) {
  const t = useTranslations("buyers.issue");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [appId, setAppId] = useState(apps[0]?.id ?? "");
  // a new dialog is a new request: the form's request id (its idempotency) changes with it
  const [session, setSession] = useState(0);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setSession((s) => s + 1);
      }}
    >
      <DialogTrigger asChild>
        <Button data-testid="issue-coupons">
          <Ticket aria-hidden /> {t("button")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")} className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>
        {apps.length > 1 && (
          <label className="grid gap-1 text-sm font-medium">
            {t("app")}
            <NativeSelect value={appId} onChange={(e) => setAppId(e.target.value)} data-testid="issue-app">
              {apps.map((app) => (
                <option key={app.id} value={app.id}>
                  {app.name}
                </option>
              ))}
            </NativeSelect>
          </label>
        )}
        <Tabs defaultValue="single">
          <TabsList>
            <TabsTrigger value="single">{t("tabSingle")}</TabsTrigger>
            <TabsTrigger value="csv" data-testid="issue-tab-csv">
              {t("tabCsv")}
            </TabsTrigger>
          </TabsList>
          <TabsContent value="single" className="pt-2">
            <SingleCouponForm key={session} mchNo={mchNo} appId={appId} buyerId={buyerId} onIssued={() => router.refresh()} onCancel={() => setOpen(false)} />
          </TabsContent>
          <TabsContent value="csv" className="pt-2">
            <CouponCsvForm key={session} mchNo={mchNo} appId={appId} onIssued={() => router.refresh()} />
          </TabsContent>
        </Tabs>
      </DialogContent>
    </Dialog>
  );
}
