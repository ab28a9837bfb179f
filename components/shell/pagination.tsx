import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { pageCount } from "@/server/domain/paging";

/** Previous / next links for a server-paged list; keeps the other query parameters (the filters). */
export async function Pagination({ path, query, page, pageSize, total }: { path: string; query: Record<string, string | undefined>; page: number; pageSize: number; total: number }) {
  const t = await getTranslations("pagination");
  const pages = pageCount(total, pageSize);
  const href = (p: number) => {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
    params.set("page", String(p));
    return `${path}?${params}`;
  };
  return (
    <div className="flex items-center justify-between gap-3 text-sm text-muted-foreground" data-testid="pagination">
      <span>{t("summary", { page, pages, total })}</span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Button asChild variant="outline" size="sm">
            <Link href={href(page - 1)}>{t("previous")}</Link>
          </Button>
        ) : (
          <Button variant="outline" size="sm" disabled>
            {t("previous")}
          </Button>
        )}
        {page < pages ? (
          <Button asChild variant="outline" size="sm">
            <Link href={href(page + 1)}>{t("next")}</Link>
          </Button>
        ) : (
          <Button variant="outline" size="sm" disabled>
            {t("next")}
          </Button>
        )}
      </div>
    </div>
  );
}
