"use client";

import { useTranslations } from "next-intl";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { MEMBER_ROLES, type MemberRole } from "@/server/domain/permissions";

/** One of the four merchant roles. */
export function RoleSelect({ value, onChange, disabled, id, label }: { value: MemberRole; onChange: (role: MemberRole) => void; disabled?: boolean; id?: string; label?: string }) {
  const t = useTranslations("roles");
  return (
    <Select value={value} onValueChange={(v) => onChange(v as MemberRole)} disabled={disabled}>
      <SelectTrigger id={id} aria-label={label} className="w-36" size="sm">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {MEMBER_ROLES.map((role) => (
          <SelectItem key={role} value={role}>
            {t(role)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
