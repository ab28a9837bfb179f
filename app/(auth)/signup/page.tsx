import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { getSessionUser } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signup"))("title") };
}

// /signup – a visitor opens an account and a draft merchant
export default async function SignUpPage() {
  if (await getSessionUser()) redirect("/");
  const t = await getTranslations("signup");
  return (
    <AuthFrame title={t("title")} description={t("subtitle")}>
      <TRPCReactProvider>
        <SignUpForm />
      </TRPCReactProvider>
      <p className="text-center text-sm text-muted-foreground">
        {t("haveAccount")}{" "}
        <Link href="/signin" className="font-medium text-primary underline-offset-4 hover:underline">
          {t("signInLink")}
        </Link>
      </p>
    </AuthFrame>
  );
}
