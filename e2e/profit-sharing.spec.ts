import { expect, type Page, test } from "@playwright/test";
import { maskAccount } from "../server/domain/profit-sharing-form";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { USERS, shot, signIn } from "./fixtures/auth";

const MCH = "M10000001";

/**
 * Profit sharing (分账) as the owner does it: a receiver bound at the demo app's WeChat Pay sandbox
 * account, a 10 % rule for the orders of one campaign, a payment of that campaign, and the order's page
 * showing the automatic split reach 成功 by itself (the e2e server splits seconds after payment:
 * PROFIT_SHARING_DELAY_SECONDS, SANDBOX_SPLIT_MIN_DELAY_SECONDS in scripts/e2e-server.ts). The rule matches one campaign's metadata only, so the other specs'
 * payments are not frozen for sharing; it is switched off at the end.
 */
test.describe("profit sharing in the console", () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  /** The page never scrolls sideways at 1366 px. */
  async function fitsWidth(page: Page) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  }

  test("the owner adds a receiver and a 10 % rule; a matching payment is split by itself", async ({ page, baseURL }) => {
    const stamp = Date.now();
    const campaign = `e2e${stamp}`;
    const account = `19${String(stamp).slice(-8)}`;
    const name = `品牌合作方${String(stamp).slice(-4)}`;

    await signIn(page, USERS.owner);
    await page.goto(`/console/${MCH}/profit-sharing?appId=${DEMO_APP.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("分账");
    await expect(page.getByRole("link", { name: "分账", exact: true })).toBeVisible();

    // add a receiver: WeChat Pay merchant id, relation 服务商
    await page.getByTestId("add-receiver").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("渠道账户").selectOption({ label: "微信支付 · 沙箱" });
    await dialog.getByLabel("类型").selectOption({ label: "商户号" });
    await dialog.getByLabel(/^账号/).fill(account);
    await dialog.getByLabel("名称", { exact: true }).fill(name);
    await dialog.getByLabel("关系", { exact: true }).selectOption({ label: "自定义" });
    await dialog.getByLabel("自定义关系").fill("十一个字的自定义关系名称");
    await expect(dialog.getByLabel("自定义关系")).toHaveValue("十一个字的自定义关系"); // maxLength 10
    await dialog.getByLabel("关系", { exact: true }).selectOption({ label: "服务商" });
    await dialog.getByTestId("submit-receiver").click();
    await expect(dialog).toBeHidden();

    // bound at the channel by a job: the row turns 已绑定 without a reload
    const row = page.locator(`[data-testid="receiver-row"][data-account="${account}"]`);
    await expect(row).toContainText(name);
    await expect(row).toContainText("服务商");
    await expect(row).toContainText("商户号");
    await expect(row).not.toContainText(account); // masked
    await expect(row.getByTestId("bind-state")).toHaveText("已绑定", { timeout: 30_000 });
    await fitsWidth(page);
    await shot(page, "profit-sharing-receivers");

    // a 10 % rule for this campaign's orders
    await page.getByRole("link", { name: "分账规则" }).click();
    await expect(page).toHaveURL(/\/profit-sharing\/rules/);
    await page.getByTestId("add-rule").click();
    const ruleDialog = page.getByRole("dialog");
    await ruleDialog.getByLabel(/^名称/).fill(`平台 10% ${campaign}`);
    await ruleDialog.getByLabel("接收方").selectOption({ label: `${name} · ${maskAccount(account)}` });
    await ruleDialog.getByLabel("分账比例（%）").fill("120");
    await ruleDialog.getByLabel("适用订单").selectOption({ label: "按元数据" });
    await ruleDialog.getByLabel("元数据键").fill("campaign");
    await ruleDialog.getByLabel("元数据值").fill(campaign);
    await ruleDialog.getByTestId("submit-rule").click();
    await expect(ruleDialog.getByRole("alert")).toContainText("比例须在 0.01 到 100 之间");
    await ruleDialog.getByLabel("分账比例（%）").fill("10");
    await ruleDialog.getByTestId("submit-rule").click();
    await expect(ruleDialog).toBeHidden();
    const ruleRow = page.getByTestId("rule-row").filter({ hasText: campaign });
    await expect(ruleRow.getByTestId("rule-share")).toHaveText("分账比例 10%");
    await expect(ruleRow).toContainText(`元数据 campaign = ${campaign}`);
    await expect(ruleRow.getByTestId("rule-enabled")).toBeChecked();
    await fitsWidth(page);
    await shot(page, "profit-sharing-rules");

    // a payment of the campaign: frozen for sharing at payment, split by the rule right after
    const api = openApiClient(baseURL!, DEMO_APP);
    const created = await api("/api/v1/pay-orders", {
      body: { mchOrderNo: `E2E-PS-${stamp}`, amount: 12_800, subject: "实木餐桌 Dining table", channel: "wechatpay", mode: "native", metadata: { campaign } },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const payOrderNo = created.json.payOrderNo as string;
    await api(`/api/v1/sandbox/pay-orders/${payOrderNo}/simulate`, { body: { outcome: "success" } });
    await expect.poll(async () => (await api(`/api/v1/pay-orders/${payOrderNo}`)).json.status, { timeout: 20_000 }).toBe("PAID");

    await page.goto(`/console/${MCH}/pay-orders/${payOrderNo}`);
    const card = page.getByTestId("order-splits");
    await expect(card).toContainText("分账");
    // no reload from here: the card polls while the split is due or in flight
    const receiverLine = card.getByTestId("split-receiver").filter({ hasText: name });
    await expect(receiverLine.getByTestId("split-receiver-result")).toHaveText("成功", { timeout: 45_000 });
    // 10 % of what the merchant receives: ¥128.00 less the channel fee (0.6 %, ¥0.77) → ¥12.72
    await expect(receiverLine).toContainText("¥12.72");
    await expect(card.getByTestId("split-status").first()).toHaveText("已完成");
    await expect(card.getByTestId("split-row").first()).toContainText("规则");
    // the split's journal entry (merchant payable → profit share payable) appears without a reload too
    await expect(page.getByTestId("order-journal")).toContainText("分账");
    await fitsWidth(page);
    await shot(page, "profit-sharing-order");

    // the same three views in English
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
    await page.reload();
    await expect(card.getByTestId("split-receiver-result").first()).toHaveText("Succeeded");
    await expect(card).toContainText("Profit sharing");
    await fitsWidth(page);
    await shot(page, "profit-sharing-order-en");
    await page.goto(`/console/${MCH}/profit-sharing?appId=${DEMO_APP.id}`);
    await expect(row.getByTestId("bind-state")).toHaveText("Bound");
    await expect(row).toContainText("Service provider");
    await fitsWidth(page);
    await shot(page, "profit-sharing-receivers-en");
    await page.goto(`/console/${MCH}/profit-sharing/rules?appId=${DEMO_APP.id}`);
    await expect(ruleRow.getByTestId("rule-share")).toHaveText("Ratio 10%");
    await fitsWidth(page);
    await shot(page, "profit-sharing-rules-en");

    // switch the rule off (the switch keeps its state across a reload)
    await ruleRow.getByTestId("rule-enabled").click();
    await expect(ruleRow.getByTestId("rule-enabled")).not.toBeChecked();
    await page.reload();
    await expect(ruleRow.getByTestId("rule-enabled")).not.toBeChecked();
  });

  test("a viewer sees no profit-sharing entry and cannot open the pages", async ({ page }) => {
    await signIn(page, USERS.viewer);
    await expect(page.getByRole("link", { name: "分账", exact: true })).toHaveCount(0);
    const response = await page.goto(`/console/${MCH}/profit-sharing`);
    expect(response?.status()).toBe(403);
    await expect(page.getByText("没有访问权限")).toBeVisible();
  });
});
