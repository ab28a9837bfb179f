"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

export type DataTable = { columns: { key: string; label: string; numeric?: boolean }[]; rows: Record<string, ReactNode>[] };

/**
 * A dashboard card: the chart, and the same figures as a table (Tabs "Chart / Table"). The chart is
 * an image for assistive technology, pointing at the table, which holds every number it draws.
 */
export function ChartCard({ id, title, description, chart, table, empty }: { id: string; title: string; description?: string; chart: ReactNode; table: DataTable; empty?: string | null }) {
  const t = useTranslations("reports");
  return (
    <Card data-testid={`chart-${id}`}>
      <Tabs defaultValue="chart">
        <CardHeader>
          <CardTitle as="h2" className="text-base">
            {title}
          </CardTitle>
          {description && <CardDescription>{description}</CardDescription>}
          <CardAction>
            <TabsList aria-label={title}>
              <TabsTrigger value="chart">{t("view.chart")}</TabsTrigger>
              <TabsTrigger value="table">{t("view.table")}</TabsTrigger>
            </TabsList>
          </CardAction>
        </CardHeader>
        <CardContent>
          {empty ? (
            <p className="py-10 text-center text-sm text-muted-foreground">{empty}</p>
          ) : (
            <>
              <TabsContent value="chart">
                <div role="img" aria-label={t("charts.chartLabel", { title })} className="h-72 w-full">
                  {chart}
                </div>
              </TabsContent>
              <TabsContent value="table">
                <div className="max-h-72 overflow-auto">
                  <Table aria-label={title}>
                    <TableHeader>
                      <TableRow>
                        {table.columns.map((c) => (
                          <TableHead key={c.key} className={c.numeric ? "text-right" : undefined}>
                            {c.label}
                          </TableHead>
                        ))}
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {table.rows.map((row, i) => (
                        <TableRow key={i}>
                          {table.columns.map((c) => (
                            <TableCell key={c.key} className={c.numeric ? "text-right tabular-nums" : undefined}>
                              {row[c.key]}
                            </TableCell>
                          ))}
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
              </TabsContent>
            </>
          )}
        </CardContent>
      </Tabs>
    </Card>
  );
}
