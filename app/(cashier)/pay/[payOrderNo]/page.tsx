import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Cashier } from "@/components/cashier/cashier";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cashier"))("title") };
}

// /pay/[payOrderNo] – the cashier a business system sends its consumer to (the Open API's cashierUrl)
export default async function CashierPage({ params }: { params: Promise<{ payOrderNo: string }> }) {
  const { payOrderNo } = await params;
  const order = await orInterrupt((await serverCaller()).cashier.order({ payOrderNo }), `/pay/${payOrderNo}`);
  return <Cashier initial={order} />;
}
