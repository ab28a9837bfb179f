import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { serverCaller } from "@/server/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("passwordReset.reset"))("title") };
}

// /reset-password/[token] – set a new password through the e-mailed link (30 minutes, once)
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("passwordReset");
  const caller = await serverCaller();
  const { state } = await caller.account.passwordReset({ token }).catch(() => ({ state: "invalid" as const }));
  if (state !== "open") {
    return (
      <AuthFrame title={t("reset.title")}>
        <Alert variant="destructive" data-testid="reset-link-invalid">
          <AlertDescription>{t("reset.invalidLink")}</AlertDescription>
        </Alert>
        <Button asChild>
          <Link href="/forgot-password">{t("reset.requestNew")}</Link>
        </Button>
        <p className="text-center text-sm text-muted-foreground">
          <Link href="/signin" className="font-medium text-primary underline-offset-4 hover:underline">
            {t("backToSignIn")}
          </Link>
        </p>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title={t("reset.title")} description={t("reset.subtitle")}>
      <TRPCReactProvider>
        <ResetPasswordForm token={token} />
      </TRPCReactProvider>
    </AuthFrame>
  );
}
