import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Out = inferRouterOutputs<AppRouter>["profitSharing"];
export type ReceiverRow = Out["receivers"][number];
export type RuleRow = Out["rules"][number];
export type SharingOptions = Out["options"];
export type OrderSplits = Out["orderSplits"];

/** A channel account of the app that can split, with the receiver types its channel accepts. */
export type SplitAccount = { id: string; name: string; receiverTypes: readonly string[] };
