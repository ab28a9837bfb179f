import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { ComplaintFollowUp } from "@/components/complaints/complaint-follow-up";
import { serverCaller } from "@/server/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("complaints"))("follow.title"), referrer: "no-referrer" };
}

type Props = { params: Promise<{ complaintNo: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// /complaints/[complaintNo]?t=<viewToken> – the consumer follows their complaint (the link's token is the key; no sign-in)
export default async function ComplaintFollowUpPage({ params, searchParams }: Props) {
  const { complaintNo } = await params;
  const raw = (await searchParams).t;
  const token = typeof raw === "string" ? raw : "";
  const t = await getTranslations("complaints.follow");
  const complaint = await (await serverCaller()).complaints.view({ complaintNo, token }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  if (!complaint) {
    return (
      <section className="flex flex-col gap-2 px-6 py-12 text-center" data-testid="complaint-not-found">
        <h1 className="text-xl font-semibold">{t("notFoundTitle")}</h1>
        <p className="text-sm text-muted-foreground">{t("notFoundBody")}</p>
      </section>
    );
  }
  return <ComplaintFollowUp initial={complaint} token={token} />;
}
