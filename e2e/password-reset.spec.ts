import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { DEMO_PASSWORD, shot } from "./fixtures/auth";

// "Forgot password?" on the sign-in page → the e-mail form → the link from the mail (no SMTP here: the e2e server
// writes account mails to a dev mailbox file, scripts/e2e-server.ts) → a new password → signed in; the link then
// no longer works, the old password neither.

const OUTBOX = process.env.MAIL_OUTBOX_FILE ?? path.join(process.cwd(), ".data", "e2e-mail", "outbox.jsonl");

async function linkMailedTo(email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(() => {
      if (!existsSync(OUTBOX)) return undefined;
      const mails = readFileSync(OUTBOX, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { to: string; link: string });
      link = mails.filter((m) => m.to === email).at(-1)?.link;
      return link;
    })
    .toBeTruthy();
  return link as string;
}

async function signUp(page: Page, email: string) {
  await page.goto("/signup");
  await page.getByLabel("企业名称").fill("忘记密码的店");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/console\/M\d{8}$/);
  await page.context().clearCookies();
}

test.describe("password reset", () => {
  test("forgot password → mailed link → new password → signed in; the link is used up", async ({ page, baseURL }) => {
    const email = `forgetful-${Date.now()}@newshop.example`;
    await signUp(page, email);

    await page.goto("/signin");
    await page.getByRole("link", { name: "忘记密码？" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByRole("button", { name: "发送重置链接" }).click();
    await expect(page.getByText("请输入有效的邮箱地址")).toBeVisible();
    await shot(page, "password-forgot-zh-CN-desktop");
    await page.getByLabel("邮箱").fill(email);
    await page.getByRole("button", { name: "发送重置链接" }).click();
    await expect(page.getByTestId("reset-sent")).toContainText(email);
    await shot(page, "password-forgot-sent-zh-CN-desktop");

    // an unknown e-mail gets the very same answer
    await page.goto("/forgot-password");
    await page.getByLabel("邮箱").fill(`nobody-${Date.now()}@newshop.example`);
    await page.getByRole("button", { name: "发送重置链接" }).click();
    await expect(page.getByTestId("reset-sent")).toContainText("请查收邮件");

    const link = await linkMailedTo(email);
    expect(link).toMatch(new RegExp(`^${baseURL}/reset-password/[A-Za-z0-9_-]{43}$`));
    await page.goto(link);
    await page.getByLabel("新密码").fill("short");
    await page.getByRole("button", { name: "保存新密码" }).click();
    await expect(page.getByText("至少 8 位，包含字母和数字", { exact: true })).toBeVisible();
    await shot(page, "password-reset-form-zh-CN-desktop");
    await page.getByLabel("新密码").fill("NewSecret456");
    await page.getByRole("button", { name: "保存新密码" }).click();
    await expect(page).toHaveURL(/\/console\/M\d{8}/);

    // the link is used up; the old password no longer signs in, the new one does
    await page.context().clearCookies();
    await page.goto(link);
    await expect(page.getByTestId("reset-link-invalid")).toContainText("该链接无效、已过期或已被使用");
    await shot(page, "password-reset-used-zh-CN-desktop");
    await page.goto("/signin");
    await page.getByLabel(/邮箱/).fill(email);
    await page.getByLabel(/密码/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: /^登录$/ }).click();
    await expect(page.getByText(/邮箱或密码/).first()).toBeVisible();
    await page.getByLabel(/密码/).fill("NewSecret456");
    await page.getByRole("button", { name: /^登录$/ }).click();
    await expect(page).not.toHaveURL(/\/signin/);
  });

  test("the pages in English and on a phone", async ({ page, baseURL }) => {
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
    for (const [w, h, tag] of [[1366, 800, "desktop"], [390, 844, "phone"]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto("/signin");
      await expect(page.getByRole("link", { name: "Forgot password?" })).toBeVisible();
      await shot(page, `password-signin-en-${tag}`);
      await page.goto("/forgot-password");
      await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
      await shot(page, `password-forgot-en-${tag}`);
      await page.goto(`/reset-password/${"x".repeat(43)}`);
      await expect(page.getByTestId("reset-link-invalid")).toContainText("This link is invalid");
      await shot(page, `password-reset-invalid-en-${tag}`);
    }
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "zh-CN", url: baseURL! }]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/forgot-password");
    await shot(page, "password-forgot-zh-CN-phone");
  });
});
