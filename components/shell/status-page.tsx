import type { ReactNode } from "react";

/** A full-page message for 403 / 404 / errors: a code, a title, a sentence, an action. */
export function StatusPage({ code, title, body, action }: { code: string; title: string; body: string; action?: ReactNode }) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-5xl font-bold text-primary/80">{code}</p>
      <h1 className="text-2xl font-semibold" data-testid="status-title">
        {title}
      </h1>
      <p className="max-w-md text-muted-foreground">{body}</p>
      {action && <div className="mt-4">{action}</div>}
    </main>
  );
}
