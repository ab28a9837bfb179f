import { getTranslations } from "next-intl/server";
import { InviteMember } from "@/components/members/invite-member";
import { MembersTable } from "@/components/members/members-table";
import { orInterrupt } from "@/server/auth/guards";
import { getSessionUser } from "@/server/auth/session";
import { serverCaller } from "@/server/trpc/server";
import { PageHeader } from "@/components/shell/page-header";

// /console/[mchNo]/members – members, roles and invitations (OWNER)
export default async function MembersPage({ params }: { params: Promise<{ mchNo: string }> }) {
  const { mchNo } = await params;
  const caller = await serverCaller();
  const data = await orInterrupt(caller.members.list({ mchNo }), `/console/${mchNo}/members`);
  const user = await getSessionUser();
  const t = await getTranslations("members");
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeader title={t("title")} description={t("description")} />
        <InviteMember mchNo={mchNo} />
      </div>
      <MembersTable mchNo={mchNo} members={data.members} invitations={data.invitations} currentUserId={user?.id ?? ""} />
    </div>
  );
}
