import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { getSessionUser } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("passwordReset.forgot"))("title") };
}

// /forgot-password – ask for a password reset link by e-mail
export default async function ForgotPasswordPage() {
  if (await getSessionUser()) redirect("/");
  const t = await getTranslations("passwordReset");
  return (
    <AuthFrame title={t("forgot.title")} description={t("forgot.subtitle")}>
      <TRPCReactProvider>
        <ForgotPasswordForm />
      </TRPCReactProvider>
      <p className="text-center text-sm text-muted-foreground">
        <Link href="/signin" className="font-medium text-primary underline-offset-4 hover:underline">
          {t("backToSignIn")}
        </Link>
      </p>
    </AuthFrame>
  );
}
