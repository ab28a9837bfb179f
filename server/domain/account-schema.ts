import { z } from "zod";
import { emailField, singleLine } from "./form-text";

/** At least 8 characters with a letter and a digit; 128 at most (argon2 takes any length, we do not). */
export const passwordField = z
  .string({ error: "required" })
  .min(8, { error: "passwordWeak" })
  .max(128, { error: "tooLong" })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { error: "passwordWeak" });

/** Sign-up: the visitor's email and password and their company's name. */
export const signUpSchema = z.object({
  email: emailField,
  password: passwordField,
  companyName: singleLine(2, 100),
});
export type SignUpInput = z.input<typeof signUpSchema>;

/** Joining through an invitation without an account yet: the email comes from the invitation. */
export const inviteSignUpSchema = z.object({
  name: singleLine(1, 50),
  password: passwordField,
});
export type InviteSignUpInput = z.input<typeof inviteSignUpSchema>;

/** "Forgot password": the e-mail to send the link to, and the language of the mail. */
export const forgotPasswordSchema = z.object({ email: emailField });
export type ForgotPasswordInput = z.input<typeof forgotPasswordSchema>;

/** The new password set through a reset link: the same rules as sign-up. */
export const resetPasswordSchema = z.object({ password: passwordField });
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
