import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { AcceptInvitation, InviteSignUpForm } from "@/components/auth/invitation-actions";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { getSessionUser } from "@/server/auth/session";
import type { InvitationView } from "@/server/services/members/get-invitation";
import { serverCaller } from "@/server/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invite"))("title") };
}

// /invite/[token] – join a merchant through an owner's invitation link
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const caller = await serverCaller();
  const invitation = await caller.account.invitation({ token }).catch((): InvitationView => ({ state: "unknown" }));
  const user = await getSessionUser();

  if (invitation.state !== "open") {
    return (
      <AuthFrame title={t("invite.title")}>
        <Alert variant="destructive" data-testid="invite-state">
          <AlertDescription>{t(`invite.state.${invitation.state}`)}</AlertDescription>
        </Alert>
        <Button asChild variant="outline">
          <Link href="/">{t("common.backHome")}</Link>
        </Button>
      </AuthFrame>
    );
  }

  const role = t(`roles.${invitation.role}`);
  const description = t("invite.description", { merchant: invitation.merchantName, role, email: invitation.email });
  return (
    <AuthFrame title={t("invite.title")} description={description}>
      <TRPCReactProvider>
        {user && user.email === invitation.email ? (
          <AcceptInvitation token={token} />
        ) : user ? (
          <Alert variant="destructive">
            <AlertDescription>{t("invite.otherAccount", { current: user.email, email: invitation.email })}</AlertDescription>
          </Alert>
        ) : invitation.hasAccount ? (
          <Button asChild size="lg">
            <Link href={`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>{t("invite.signInToAccept")}</Link>
          </Button>
        ) : (
          <InviteSignUpForm token={token} email={invitation.email} />
        )}
      </TRPCReactProvider>
    </AuthFrame>
  );
}
