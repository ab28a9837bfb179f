import { CircleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { CashierMessage } from "@/components/cashier/cashier-message";

/** A full-card notice of the /q pages (unknown or disabled code, a refusal). */
export function QrMessage({ title, body, action }: { title: string; body: string; action?: ReactNode }) {
  return <CashierMessage icon={<CircleAlert className="size-12 text-muted-foreground" aria-hidden="true" />} title={title} body={body} action={action} />;
}
