import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Cashier } from "@/components/cashier/cashier";
import { orInterrupt } from "@/server/auth/guards";
import { hasIdShape } from "@/server/domain/id-shapes";
import { serverCaller } from "@/server/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cashier"))("title") };
}

// /pay/[payOrderNo] – the cashier a business system sends its consumer to (the Open API's cashierUrl)
export default async function CashierPage({ params }: { params: Promise<{ payOrderNo: string }> }) {
  const { payOrderNo } = await params;
  // a number of another shape names no order: the not-found page, before any call
  if (!hasIdShape("payOrderNo", payOrderNo)) notFound();
  const order = await orInterrupt((await serverCaller()).cashier.order({ payOrderNo }), `/pay/${payOrderNo}`);
  return <Cashier initial={order} />;
}
