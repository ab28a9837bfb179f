import { ShieldCheck } from "lucide-react";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The signed-out pages' frame (sign-in, sign-up, invitation): brand panel, language switch, one card. */
export async function AuthFrame({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <main className="grid min-h-screen lg:grid-cols-2">
      <section className="hidden flex-col justify-between bg-primary p-10 text-primary-foreground lg:flex">
        <div className="flex items-center gap-2 text-lg font-semibold">
          <ShieldCheck className="size-6" />
          {t("appName")}
        </div>
        <p className="max-w-md text-3xl font-semibold leading-snug">{t("tagline")}</p>
        <p className="text-sm opacity-80">© PayCenter</p>
      </section>
      <section className="flex flex-col">
        <div className="flex justify-end p-4">
          <LocaleSwitcher />
        </div>
        <div className="flex flex-1 items-center justify-center p-6">
          <Card className="w-full max-w-sm">
            <CardHeader>
              <CardTitle as="h1" className="text-2xl">{title}</CardTitle>
              {description && <CardDescription>{description}</CardDescription>}
            </CardHeader>
            <CardContent className="flex flex-col gap-4">{children}</CardContent>
          </Card>
        </div>
      </section>
    </main>
  );
}
