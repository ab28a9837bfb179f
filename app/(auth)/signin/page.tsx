import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessionUser } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("submit") };
}

// /signin – email + password
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await getSessionUser()) redirect("/");
  const t = await getTranslations();
  return (
    <main className="grid min-h-screen lg:grid-cols-2">
      <section className="hidden flex-col justify-between bg-primary p-10 text-primary-foreground lg:flex">
        <div className="flex items-center gap-2 text-lg font-semibold">
          <ShieldCheck className="size-6" />
          {t("common.appName")}
        </div>
        <p className="max-w-md text-3xl font-semibold leading-snug">{t("common.tagline")}</p>
        <p className="text-sm opacity-80">© PayCenter</p>
      </section>
      <section className="flex flex-col">
        <div className="flex justify-end p-4">
          <LocaleSwitcher />
        </div>
        <div className="flex flex-1 items-center justify-center p-6">
          <Card className="w-full max-w-sm">
            <CardHeader>
              <CardTitle as="h1" className="text-2xl">{t("auth.signInTitle")}</CardTitle>
              <CardDescription>{t("auth.signInSubtitle")}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              <SignInForm callbackUrl={callbackUrl} />
              <p className="text-center text-xs text-muted-foreground">{t("auth.demoHint")}</p>
            </CardContent>
          </Card>
        </div>
      </section>
    </main>
  );
}
