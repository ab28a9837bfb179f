import type { ReactNode } from "react";

/** A full-card message (unknown order, errors): an icon, a title, a sentence, an action. */
export function CashierMessage({ icon, title, body, action }: { icon: ReactNode; title: string; body: string; action?: ReactNode }) {
  return (
    <section className="flex flex-col items-center gap-3 px-6 py-14 text-center">
      {icon}
      <h1 className="text-xl font-semibold" data-testid="cashier-title">
        {title}
      </h1>
      <p className="max-w-sm text-sm text-muted-foreground">{body}</p>
      {action && <div className="mt-3 w-full max-w-xs">{action}</div>}
    </section>
  );
}
