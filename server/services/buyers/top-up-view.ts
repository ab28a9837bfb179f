import { loadEnv } from "@/server/env";
import type { WalletTopUp } from "@/server/generated/prisma/client.ts";

/** What the Open API answers for a wallet top-up: the pay order to pay it and where the consumer pays. */
export type TopUpView = {
  topUpNo: string;
  buyerId: string;
  amount: bigint;
  status: "PENDING" | "CREDITED" | "CLOSED";
  payOrderNo: string;
  cashierUrl: string;
  createdAt: string;
  creditedAt: string | null;
};

export function topUpView(topUp: WalletTopUp): TopUpView {
  return {
    topUpNo: topUp.topUpNo,
    buyerId: topUp.buyerId,
    amount: topUp.amount,
    status: topUp.status,
    payOrderNo: topUp.payOrderNo,
    cashierUrl: `${loadEnv().PUBLIC_BASE_URL}/pay/${topUp.payOrderNo}`,
    createdAt: topUp.createdAt.toISOString(),
    creditedAt: topUp.creditedAt?.toISOString() ?? null,
  };
}
