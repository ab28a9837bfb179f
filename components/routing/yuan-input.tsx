"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { decimalToMinor, minorToDecimal } from "@/server/domain/money";

const YUAN = /^\d{1,9}(\.\d{1,2})?$/;

/**
 * An amount typed in yuan, held as integer fen (null when empty). Text that is not an amount keeps
 * what was typed and hands the form -1, which the schema refuses (shown as "enter an amount").
 */
export function YuanInput({ value, onChange, ...props }: { value: number | null; onChange: (fen: number | null) => void } & Omit<React.ComponentProps<"input">, "value" | "onChange">) {
  const [text, setText] = useState(value === null ? "" : minorToDecimal(value));
  return (
    <Input
      {...props}
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        const trimmed = next.trim();
        onChange(trimmed === "" ? null : YUAN.test(trimmed) ? Number(decimalToMinor(trimmed)) : -1);
      }}
    />
  );
}
