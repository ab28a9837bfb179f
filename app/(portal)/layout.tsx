import type { Metadata } from "next";
import type { ReactNode } from "react";

// the buyer's pages are never indexed and never send their URL (it holds the signed token) as a referrer
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

// /my-orders/* – the buyer's "my orders" (用户端"我的订单"): phone-first, no sign-in (the signed link is the key)
export default function PortalLayout({ children }: { children: ReactNode }) {
  return <div className="min-h-screen bg-muted/40">{children}</div>;
}
