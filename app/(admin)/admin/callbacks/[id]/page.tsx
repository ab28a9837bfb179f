import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { channelName } from "@/components/channels/channel-name";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { orInterrupt } from "@/server/auth/guards";
import { serverCaller } from "@/server/trpc/server";

/** Pretty-prints JSON bodies; anything else is shown as received. */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

// /admin/callbacks/[id] – one inbound callback, raw headers and body
export default async function CallbackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await serverCaller();
  const callback = await orInterrupt(caller.admin.callback({ id }), `/admin/callbacks/${id}`);
  const [t, tc] = await Promise.all([getTranslations(), getTranslations("channel")]);
  const format = await getFormatter();
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <Link href="/admin/callbacks" className="text-sm text-muted-foreground hover:underline">
        ← {t("callbacks.back")}
      </Link>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="flex items-center gap-2 text-2xl">
            {t("callbacks.one", { id: callback.id })}
            <Badge variant={callback.result === "ACCEPTED" ? "success" : "destructive"}>{t(`callbacks.results.${callback.result}`)}</Badge>
          </CardTitle>
          <CardDescription>
            {channelName(tc, callback.channel)} · {t(`callbacks.kinds.${callback.kind}`)} · {callback.mchNo ?? "—"} · {format.dateTime(callback.receivedAt, { dateStyle: "medium", timeStyle: "medium" })}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {callback.resultDetail && <p className="text-sm">{callback.resultDetail}</p>}
          <h2 className="text-sm font-semibold">{t("callbacks.headers")}</h2>
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-md bg-muted p-3 text-xs">{JSON.stringify(callback.headers, null, 2)}</pre>
          <h2 className="text-sm font-semibold">{t("callbacks.body")}</h2>
          <pre className="max-h-[480px] overflow-auto whitespace-pre-wrap break-all rounded-md bg-muted p-3 text-xs" data-testid="callback-body">
            {pretty(callback.body)}
          </pre>
        </CardContent>
      </Card>
    </div>
  );
}
