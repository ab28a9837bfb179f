import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";

/** The overview refused (FORBIDDEN: a dealer, the one role without merchant.read) → the order center instead. */
export function dealerToOrders(mchNo: string) {
  return (error: unknown): never => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") redirect(`/console/${mchNo}/orders`);
    throw error;
  };
}
