import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { withParams } from "./query-params";

/** "First page" / "Next page" for a keyset-paged table; the filters stay in the query string. */
export async function KeysetPager({ path, params, cursor, nextCursor }: { path: string; params: Record<string, string | undefined>; cursor?: string; nextCursor: string | null }) {
  const t = await getTranslations("filters");
  const current = { ...params, cursor: undefined };
  return (
    <nav className="flex justify-end gap-3 text-sm" aria-label="pagination">
      {cursor && (
        <Link href={`${path}${withParams(current, {})}`} className="rounded-md border px-3 py-1.5 hover:bg-accent">
          {t("first")}
        </Link>
      )}
      {nextCursor && (
        <Link href={`${path}${withParams(current, { cursor: nextCursor })}`} className="rounded-md border px-3 py-1.5 hover:bg-accent" rel="next">
          {t("next")}
        </Link>
      )}
    </nav>
  );
}
