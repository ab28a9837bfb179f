import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { DEMO_APP } from "../server/testing/open-api-client";
import { shot, signIn, USERS } from "./fixtures/auth";

const MCH = "M10000001";

/** The sandbox's bill differences, set on the demo TEST app's Alipay account (and cleared again: other specs reconcile these bills). */
test("the owner adds and removes the sandbox's bill differences on a TEST account", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, USERS.owner);
  await page.goto(`/console/${MCH}/apps/${DEMO_APP.id}`);
  await page.getByTestId("channel-account-row").filter({ hasText: "支付宝" }).getByRole("link", { name: "编辑" }).click();
  const card = page.getByTestId("bill-edits-card");
  await expect(card.getByText("账单差异（沙箱）")).toBeVisible();
  await expect(card.getByText("暂无差异")).toBeVisible();

  // an amount off by a delta typed in yuan: more than two decimals is refused on the field
  await card.getByLabel("类型").selectOption("amount");
  await expect(card.getByText("账单中这笔的金额偏差所填差额。")).toBeVisible();
  await card.getByLabel("商户订单号 / 退款单号").fill("ORD-20261203-001");
  await card.getByLabel("差额（元，可为负）").fill("1.005");
  await card.getByTestId("add-bill-edit").click();
  await expect(card.getByText("请输入金额，最多两位小数")).toBeVisible();
  await card.getByLabel("差额（元，可为负）").fill("-0.50");
  await card.getByTestId("add-bill-edit").click();
  await expect(card.getByTestId("bill-edits-list")).toContainText("-¥0.50");

  await card.getByLabel("类型").selectOption("extra");
  await card.getByLabel("多出交易的商户订单号").fill("ALIEN-0001");
  await card.getByLabel("账单日").fill("2026-12-03");
  await card.getByLabel("金额（元）").fill("88.80");
  await card.getByTestId("add-bill-edit").click();
  await expect(card.getByTestId("bill-edits-list")).toContainText("¥88.80");

  await card.getByLabel("类型").selectOption("drop");
  await card.getByLabel("商户订单号 / 退款单号").fill("REF-20261203-009");
  await card.getByTestId("add-bill-edit").click();
  await expect(card.getByTestId("bill-edits-list").getByRole("row")).toHaveCount(4);
  await card.getByLabel("类型").selectOption("fee");
  await card.getByLabel("差额（元，可为负）").fill("0");
  await card.getByTestId("add-bill-edit").click();
  await expect(card.getByText("请填写订单号或退款单号")).toBeVisible();
  await card.getByLabel("商户订单号 / 退款单号").fill("ORD-20261203-002");
  await card.getByTestId("add-bill-edit").click();
  await expect(card.getByText("差额为零不产生差异")).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shot(page, "bill-edits-zh");

  // kept across a reload, and in English
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
  await page.reload();
  await expect(card.getByText("Bill differences (sandbox)")).toBeVisible();
  await expect(card.getByTestId("bill-edits-list").getByRole("row")).toHaveCount(4);
  await card.getByLabel("Kind").selectOption("status");
  await expect(card.getByText("The row's state flips in the bill", { exact: false })).toBeVisible();
  await shot(page, "bill-edits-en");

  // remove them all again
  for (let left = 3; left > 1; left--) {
    await card.getByTestId("remove-bill-edit-0").click();
    await expect(card.getByTestId("bill-edits-list").getByRole("row")).toHaveCount(left);
  }
  await card.getByTestId("remove-bill-edit-0").click();
  await expect(card.getByText("No differences", { exact: false })).toBeVisible();
});
