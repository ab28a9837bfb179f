import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/shell/status-badge";
import { Empty, Section } from "./section";
import type { PayOrderDetail } from "./types";

/** The channel callbacks received for the order's attempts and refunds, raw, with what we made of them. */
export async function CallbacksSection({ callbacks }: { callbacks: NonNullable<PayOrderDetail["callbacks"]> }) {
  const [t, format] = await Promise.all([getTranslations("orderDetail"), getFormatter()]);
  return (
    <Section title={t("callbacks")} testId="order-callbacks">
      {callbacks.length === 0 ? (
        <Empty>{t("noCallbacks")}</Empty>
      ) : (
        <ul className="flex flex-col gap-2">
          {callbacks.map((c) => (
            <li key={String(c.id)}>
              <details className="rounded border px-3 py-2 text-xs">
                <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                  <StatusBadge kind="callbackResult" status={c.result} />
                  <span>{c.kind}</span>
                  <span className="font-mono">{c.attemptNo ?? c.refundNo}</span>
                  <span className="text-muted-foreground">{format.dateTime(c.receivedAt, { dateStyle: "short", timeStyle: "medium" })}</span>
                  {c.resultDetail && <span className="text-muted-foreground">{c.resultDetail}</span>}
                </summary>
                <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-muted p-2">{c.body}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
