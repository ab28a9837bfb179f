import { getTranslations } from "next-intl/server";
import { LicenceUpload } from "@/components/onboarding/licence-upload";
import { ProfileForm } from "@/components/onboarding/profile-form";
import { SubmitForReview } from "@/components/onboarding/submit-for-review";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";
import { PageHeader } from "@/components/shell/page-header";

// /console/[mchNo]/settings – the company profile, licence and submission for review (OWNER)
export default async function SettingsPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const caller = await serverCaller();
  const profile = await orInterrupt(caller.profile.get({ mchNo }), `/console/${mchNo}/settings`);
  const t = await getTranslations("profile");
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <ProfileForm mchNo={mchNo} profile={profile} />
      <LicenceUpload mchNo={mchNo} licence={profile.licence} editable={profile.editable} />
      <SubmitForReview mchNo={mchNo} status={profile.status} missing={profile.missing} editable={profile.editable} />
    </div>
  );
}
