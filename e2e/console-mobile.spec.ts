import { expect, test } from "@playwright/test";
import { USERS, shot, signIn } from "./fixtures/auth";

test.describe("the console on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the menu button opens the navigation, and choosing a page closes it", async ({ page }) => {
    await signIn(page, USERS.finance);
    await page.goto("/console/M10000001");
    await page.getByRole("button", { name: "菜单" }).click();
    const drawer = page.getByRole("dialog");
    await expect(drawer.getByRole("link", { name: "退款" })).toBeVisible();
    await shot(page, "console-mobile-menu");
    await drawer.getByRole("link", { name: "支付订单", exact: true }).click();
    await expect(page).toHaveURL(/\/console\/M10000001\/pay-orders$/);
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("支付订单");
  });
});
