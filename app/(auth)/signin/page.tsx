import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { SignInForm } from "@/components/auth/sign-in-form";
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
    <AuthFrame title={t("auth.signInTitle")} description={t("auth.signInSubtitle")}>
      <SignInForm callbackUrl={callbackUrl} />
      <p className="text-center text-sm text-muted-foreground">
        {t("signup.noAccount")}{" "}
        <Link href="/signup" className="font-medium text-primary underline-offset-4 hover:underline">
          {t("signup.link")}
        </Link>
      </p>
      <p className="text-center text-xs text-muted-foreground">{t("auth.demoHint")}</p>
    </AuthFrame>
  );
}
