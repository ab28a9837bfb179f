import { z } from "zod";
import { creditCodeProblem } from "./credit-code";
import { emailField, singleLine } from "./form-text";

export const BUSINESS_CATEGORIES = ["retail", "ecommerce", "catering", "education", "travel", "healthcare", "software", "services", "other"] as const;
export type BusinessCategory = (typeof BUSINESS_CATEGORIES)[number];

const CREDIT_CODE_ERROR = { length: "creditCodeLength", charset: "creditCodeCharset", checkDigit: "creditCodeCheckDigit" } as const;

export const creditCodeField = z
  .string({ error: "required" })
  .trim()
  .max(64, { error: "creditCodeLength" })
  .transform((code) => code.toUpperCase())
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: CREDIT_CODE_ERROR[problem] });
  });

/** Mainland mobile (11 digits) or a landline with area code (010-12345678). */
export const phoneField = z
  .string({ error: "required" })
  .trim()
  .max(20, { error: "tooLong" })
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: "phoneInvalid" });

/** Bank account numbers: 8–30 digits; spaces people type in groups are removed. Empty = keep the stored one. */
export const accountNumberField = z
  .string()
  .max(40, { error: "accountNumberInvalid" })
  .transform((n) => n.replace(/\s+/g, ""))
  .refine((n) => n === "" || /^\d{8,30}$/.test(n), { error: "accountNumberInvalid" });

/** The company profile a merchant fills in during onboarding (the console form and the server share it). */
export const merchantProfileSchema = z.object({
  legalName: singleLine(2, 100),
  creditCode: creditCodeField,
  contactName: singleLine(1, 50),
  contactPhone: phoneField,
  contactEmail: emailField,
  businessCategory: z.enum(BUSINESS_CATEGORIES, { error: "categoryInvalid" }),
  bankName: singleLine(2, 60),
  bankAccountName: singleLine(2, 100),
  bankAccountNumber: accountNumberField,
});
export type MerchantProfileInput = z.input<typeof merchantProfileSchema>;
export type MerchantProfileValues = z.output<typeof merchantProfileSchema>;

/** Shown in place of an account number once saved: "**** 1234". */
export function maskAccountNumber(accountNumber: string): string {
  return `**** ${accountNumber.slice(-4)}`;
}
