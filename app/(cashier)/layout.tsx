import type { Metadata } from "next";
import type { ReactNode } from "react";
import { CashierFrame } from "@/components/cashier/cashier-frame";
import { TRPCReactProvider } from "@/components/trpc/provider";

// consumer pages are never indexed (the referrer stays: WeChat Pay H5 checks the merchant's domain in it)
export const metadata: Metadata = { robots: { index: false, follow: false } };

// /pay/* – the consumer cashier: no console code, no sign-in
export default function CashierLayout({ children }: { children: ReactNode }) {
  return (
    <TRPCReactProvider>
      <CashierFrame>{children}</CashierFrame>
    </TRPCReactProvider>
  );
}
