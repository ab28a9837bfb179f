import type { Metadata } from "next";
import type { ReactNode } from "react";
import { CashierFrame } from "@/components/cashier/cashier-frame";

// consumer pages are never indexed
export const metadata: Metadata = { robots: { index: false, follow: false } };

// /q/* – the aggregated QR code's consumer pages: mobile first, no sign-in, the cashier's frame and language switch
export default function StaticQrLayout({ children }: { children: ReactNode }) {
  return <CashierFrame>{children}</CashierFrame>;
}
