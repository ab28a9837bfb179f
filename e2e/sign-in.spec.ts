import { expect, test } from "@playwright/test";
import { shot, signIn, USERS } from "./fixtures/auth";

// the tests share nothing: Playwright may spread them over both workers
test.describe.configure({ mode: "parallel" });

test.describe("sign-in and shells", () => {
  test("a signed-out visitor is sent to the sign-in page, in Chinese by default", async ({ page }) => {
    await page.goto("/console");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fconsole/);
    await expect(page.getByRole("heading", { name: "登录 PayCenter" })).toBeVisible();
    await shot(page, "signin-zh");
  });

  test("the app has its icons, web manifest and robots.txt", async ({ page, request }) => {
    await page.goto("/signin");
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/apple-touch-icon.png");
    const manifest = await (await request.get("/manifest.webmanifest")).json();
    expect(manifest.name).toBe("PayCenter 支付中台");
    for (const { src } of manifest.icons as { src: string }[]) expect((await request.get(src)).status(), src).toBe(200);
    const favicon = await request.get("/favicon.ico");
    expect([favicon.status(), favicon.headers()["content-type"]]).toEqual([200, "image/x-icon"]);
    expect(await (await request.get("/robots.txt")).text()).toContain("Disallow: /");
  });

  test("a wrong password shows a clear error and keeps what was typed", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("邮箱").fill(USERS.owner);
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("邮箱或密码不正确")).toBeVisible();
    await expect(page.getByLabel("邮箱")).toHaveValue(USERS.owner);
    await expect(page).toHaveURL(/\/signin/);
  });

  test("the form explains invalid fields before sending", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("邮箱").fill("not-an-email");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("请输入有效的邮箱地址")).toBeVisible();
    await expect(page.getByText("请输入密码")).toBeVisible();
  });

  const merchantRoles = [
    { who: "owner", email: USERS.owner, role: "所有者", sees: ["概览", "应用与密钥", "成员", "流水"], hidden: [] as string[] },
    { who: "developer", email: USERS.developer, role: "开发者", sees: ["概览", "应用与密钥", "通知回调"], hidden: ["流水", "成员"] },
    { who: "finance", email: USERS.finance, role: "财务", sees: ["概览", "流水", "报表"], hidden: ["应用与密钥", "成员"] },
    { who: "viewer", email: USERS.viewer, role: "只读成员", sees: ["概览", "订单中心", "支付订单"], hidden: ["应用与密钥", "流水", "成员"] },
  ];

  for (const { who, email, role, sees, hidden } of merchantRoles) {
    test(`${who} lands in the merchant console and sees what the role may`, async ({ page }) => {
      await signIn(page, email);
      await expect(page).toHaveURL(/\/console\/M10000001$/);
      await expect(page.getByRole("heading", { name: /欢迎回来/ })).toBeVisible();
      const nav = page.getByRole("navigation", { name: "main" });
      for (const item of sees) await expect(nav.getByText(item, { exact: true })).toBeVisible();
      for (const item of hidden) await expect(nav.getByText(item, { exact: true })).toHaveCount(0);
      await page.getByTestId("user-menu").click();
      await expect(page.getByTestId("user-role")).toHaveText(role);
      await page.keyboard.press("Escape");
      await shot(page, `console-${who}`);
    });
  }

  test("the operator lands in the operator platform and sees every merchant", async ({ page }) => {
    await signIn(page, USERS.admin);
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: "商户列表" })).toBeVisible();
    // Both seeded merchants (other specs may have signed up more on this server).
    for (const mchNo of ["M10000001", "M10000002"]) await expect(page.getByTestId("merchant-row").filter({ hasText: mchNo })).toHaveCount(1);
    await shot(page, "admin-operator");
  });

  test("a role without access gets a clear 403 page", async ({ page }) => {
    await signIn(page, USERS.finance);
    const response = await page.goto("/console/M10000001/apps");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("status-title")).toHaveText("没有访问权限");
    await shot(page, "forbidden-finance-apps");
    const admin = await page.goto("/admin");
    expect(admin?.status()).toBe(403);
  });

  test("a member of one merchant cannot open another merchant's console", async ({ page }) => {
    await signIn(page, USERS.acmeOwner);
    await expect(page).toHaveURL(/\/console\/M10000002$/);
    const response = await page.goto("/console/M10000001");
    expect(response?.status()).toBe(404);
  });

  test("the developer switches between the two merchants they belong to", async ({ page }) => {
    await signIn(page, USERS.developer);
    await page.getByTestId("merchant-switcher").click();
    await page.getByRole("menuitem", { name: /Acme/ }).click();
    await expect(page).toHaveURL(/\/console\/M10000002$/);
    await expect(page.getByTestId("merchant-switcher")).toContainText("Acme");
    await page.getByRole("link", { name: "应用与密钥" }).click();
    await expect(page.getByTestId("app-card")).toHaveCount(1);
    await shot(page, "console-developer-apps");
  });

  test("the language switch turns the console to English and back", async ({ page }) => {
    await signIn(page, USERS.owner);
    await page.getByTestId("locale-switcher").click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "main" }).getByText("Apps & keys")).toBeVisible();
    await shot(page, "console-owner-en");
    await page.reload();
    await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
    await page.getByTestId("locale-switcher").click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.getByRole("heading", { name: /欢迎回来/ })).toBeVisible();
  });

  test("sign-out ends the session", async ({ page }) => {
    await signIn(page, USERS.owner);
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/console/M10000001");
    await expect(page).toHaveURL(/\/signin/);
  });
});
