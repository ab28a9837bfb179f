import { cookies, headers } from "next/headers";
import { getSessionUser } from "@/server/auth/session";
import { openStatementDownload } from "@/server/documents/open-statement-download";
import { LOCALE_COOKIE, resolveLocale } from "@/server/i18n/locales";

export const dynamic = "force-dynamic";

// GET /api/console/settlements/{statementNo}/{pdf|xlsx} – a statement's document, in the console's language, for members with settlement.read
export async function GET(_request: Request, { params }: { params: Promise<{ statementNo: string; format: string }> }) {
  const user = await getSessionUser();
  if (!user) return new Response("sign in first", { status: 401, headers: { "content-type": "text/plain" } });
  const { statementNo, format } = await params;
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return openStatementDownload(user.id, statementNo, format, locale === "en" ? "en" : "zh-CN");
}
