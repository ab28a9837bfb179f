/**
 * The console's import file (CSV or the first sheet of an XLSX): one line item per row, a header row
 * naming the columns below; rows with the same sourceOrderNo make one order (its order fields from the
 * first of them). Amounts are yuan as people type them ("3999.00") and become fen here; anything else is
 * passed on as typed, so the import reports it against its field instead of guessing.
 */
export const IMPORT_COLUMNS = [
  "sourceOrderNo",
  "type",
  "scene",
  "storeId",
  "buyerId",
  "buyerName",
  "buyerPhone",
  "sku",
  "name",
  "quantity",
  "unitPrice",
  "discountAmount",
  "shippingAmount",
  "payableAmount",
  "status",
  "paidAmount",
  "placedAt",
] as const;

const MONEY = new Set(["unitPrice", "discountAmount", "shippingAmount", "payableAmount", "paidAmount"]);

/** The template's rows: the header and one example order of two lines. */
export const IMPORT_TEMPLATE: string[][] = [
  [...IMPORT_COLUMNS],
  ["STORE-2026-0001", "standard", "store", "S01", "U1001", "张三", "13800138000", "SOFA-3", "三人沙发", "1", "3999.00", "200.00", "0", "4298.00", "COMPLETED", "", "2026-11-01T10:00:00+08:00"],
  ["STORE-2026-0001", "", "", "", "", "", "", "LAMP-1", "落地灯", "1", "499.00", "", "", "", "", "", ""],
];

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, a UTF-8 BOM) → rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && source[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

/** Rows → CSV text (the template and the errors download). */
export function toCsv(rows: (string | number)[][]): string {
  const quote = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(quote).join(",")).join("\r\n")}\r\n`;
}

/** "3999.5" → 399950 fen; not a yuan amount → the text as typed. */
export function yuanToFen(text: string): number | string {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return text;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

const integerOr = (text: string): number | string => (/^\d{1,9}$/.test(text) ? Number(text) : text);

export type ImportFileItems = { items: Record<string, unknown>[]; firstRow: number[] };

/** The header row and the data rows → the import's items and, for each, the file row (1-based, header = 1) it starts on. */
export function rowsToItems(rows: string[][]): ImportFileItems {
  const [header = [], ...data] = rows;
  const column = new Map(header.map((name, index) => [name.trim(), index]));
  const items: Record<string, unknown>[] = [];
  const firstRow: number[] = [];
  const bySource = new Map<string, Record<string, unknown>>();
  data.forEach((cells, index) => {
    const value = (name: string) => (cells[column.get(name) ?? -1] ?? "").trim();
    const sourceOrderNo = value("sourceOrderNo");
    const line: Record<string, unknown> = { sku: value("sku"), name: value("name"), quantity: integerOr(value("quantity")), unitPrice: yuanToFen(value("unitPrice")) };
    const existing = sourceOrderNo ? bySource.get(sourceOrderNo) : undefined;
    if (existing) {
      (existing.lines as unknown[]).push(line);
      return;
    }
    const item: Record<string, unknown> = { sourceOrderNo, lines: [line] };
    for (const name of ["type", "scene", "storeId", "status", "placedAt", "discountAmount", "shippingAmount", "payableAmount", "paidAmount"]) {
      const text = value(name);
      if (text !== "") item[name] = MONEY.has(name) ? yuanToFen(text) : text;
    }
    const buyer: Record<string, string> = { id: value("buyerId") };
    if (value("buyerName")) buyer.name = value("buyerName");
    if (value("buyerPhone")) buyer.phone = value("buyerPhone");
    item.buyer = buyer;
    items.push(item);
    firstRow.push(index + 2);
    if (sourceOrderNo) bySource.set(sourceOrderNo, item);
  });
  return { items, firstRow };
}
