"use client";

import { Columns3 } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";

import { Button } from "./button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./dropdown-menu";

export type ChoosableColumn = { id: string; label: React.ReactNode; hidden?: boolean };

/**
 * The choosable columns of a TanStack table: every leaf column but those in `fixed` (the row's key column, actions),
 * named by its header. Our headers are closures of the translator (`() => t("…")`), callable without a context.
 */
export function choosableColumns(columns: { id: string; columnDef: { header?: unknown } }[], fixed: string[] = []): ChoosableColumn[] {
  return columns
    .filter((c) => !fixed.includes(c.id))
    .map((c) => {
      const header = c.columnDef.header;
      const label = typeof header === "function" ? (header as () => React.ReactNode)() : typeof header === "string" ? header : c.id;
      return { id: c.id, label: label === "" ? c.id : (label as React.ReactNode) };
    })
    .filter((c) => c.label !== c.id);
}

const storageKey = (scope: string) => `paycenter.columns.${scope}`;

/** The hidden column ids of a scope: the user's choice from localStorage, else the defaults. */
function readHidden(scope: string, columns: ChoosableColumn[]): string[] {
  const defaults = columns.filter((c) => c.hidden).map((c) => c.id);
  if (typeof window === "undefined") return defaults;
  try {
    const raw = window.localStorage.getItem(storageKey(scope));
    if (!raw) return defaults;
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return defaults;
    const known = new Set(columns.map((c) => c.id));
    return parsed.filter((id): id is string => typeof id === "string" && known.has(id));
  } catch {
    return defaults;
  }
}

/**
 * A "列 / Columns" menu that lets the user hide columns of one table; the choice is kept in localStorage per
 * `scope`. It works for server-rendered tables too: cells carry `data-col="<id>"`, the table sits inside an element
 * with `data-columns="<scope>"`, and this component writes the CSS that hides the chosen ones.
 */
export function ColumnChooser({ scope, columns }: { scope: string; columns: ChoosableColumn[] }) {
  const t = useTranslations("dataTable");
  const defaults = React.useMemo(() => columns.filter((c) => c.hidden).map((c) => c.id), [columns]);
  const [hidden, setHidden] = React.useState<string[]>(defaults);
  React.useEffect(() => setHidden(readHidden(scope, columns)), [scope, columns]);

  const save = (next: string[]) => {
    setHidden(next);
    try {
      window.localStorage.setItem(storageKey(scope), JSON.stringify(next));
    } catch {
      // private mode: the choice lasts for this page only
    }
  };
  const css = hidden.map((id) => `[data-columns="${scope}"] [data-col="${id}"]{display:none}`).join("\n");
  const shown = columns.length - hidden.length;

  return (
    <>
      {css && <style data-testid={`columns-style-${scope}`}>{css}</style>}
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button type="button" variant="outline" size="sm" data-testid="column-chooser">
            <Columns3 aria-hidden /> {t("columns")}
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-52">
          <DropdownMenuLabel>{t("columnsTitle")}</DropdownMenuLabel>
          <DropdownMenuSeparator />
          {columns.map((column) => {
            const visible = !hidden.includes(column.id);
            return (
              <DropdownMenuCheckboxItem
                key={column.id}
                checked={visible}
                // the last shown column cannot be hidden: a table with no columns is no table
                disabled={visible && shown <= 1}
                onSelect={(event) => event.preventDefault()}
                onCheckedChange={(checked) => save(checked ? hidden.filter((id) => id !== column.id) : [...hidden, column.id])}
              >
                {column.label}
              </DropdownMenuCheckboxItem>
            );
          })}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => save(defaults)}>{t("resetColumns")}</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
