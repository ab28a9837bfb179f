import { expect, type Page, test } from "@playwright/test";
import { shot, signIn, USERS } from "./fixtures/auth";
import { demoBusinessSystem } from "./fixtures/open-api";

// The owner edits the demo app's route rules in the console; the cashier's channel order follows
// on the next visit, with no restart.

const ROUTING = "/console/M10000001/routing";

async function cashierChannels(page: Page, cashierUrl: string): Promise<string[]> {
  await page.goto(cashierUrl);
  const radios = page.getByRole("radio");
  await expect(radios.first()).toBeVisible();
  return radios.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

test("the owner puts Alipay first for the demo app and the cashier's channel order changes", async ({ page, browser, baseURL }) => {
  const business = demoBusinessSystem(baseURL as string);
  const consumer = await browser.newPage({ locale: "zh-CN" });
  const before = await business.createCashierOrder();
  expect(await cashierChannels(consumer, before.cashierUrl)).toEqual(["wechatpay", "alipay", "unionpay"]);
  await expect(consumer.getByRole("radio", { name: /微信支付/ })).toBeChecked();
  await shot(consumer, "routing-cashier-before");

  // Some paid-through history for the what-if replay: orders the business system sent straight to a QR code
  for (let i = 0; i < 2; i++) await business.createCashierOrder({ mode: "native" });

  await signIn(page, USERS.owner);
  await page.goto(ROUTING);
  await expect(page.getByRole("heading", { name: "支付路由" })).toBeVisible();
  await expect(page.getByTestId("route-rule")).toHaveCount(1);
  await expect(page.getByTestId("route-rule-name")).toHaveText(["Default"]);
  await expect(page.getByTestId("channel-health")).toContainText("微信支付 · 沙箱");
  await shot(page, "routing-console");

  // A new rule without accounts is refused, translated, on the field
  await page.getByRole("button", { name: "添加规则" }).click();
  const rule = page.getByTestId("route-rule").first();
  await rule.getByLabel("名称").fill("支付宝优先");
  await page.getByRole("button", { name: "保存规则" }).click();
  await expect(rule.getByRole("alert")).toHaveText("请至少选择一个渠道账户");
  await expect(rule.getByLabel("名称")).toHaveValue("支付宝优先");

  await rule.getByRole("button", { name: "添加账户" }).click();
  await rule.getByRole("combobox", { name: "账户" }).selectOption({ label: "支付宝 · 沙箱 · 支付宝" });
  await rule.getByRole("button", { name: "添加账户" }).click();
  await expect(rule.getByTestId("rule-target")).toHaveCount(2);
  await expect(rule.getByRole("combobox", { name: "账户" }).nth(1).locator("option:checked")).toHaveText("微信支付 · 沙箱 · 微信支付");
  await shot(page, "routing-rule-edit");

  // What if: replay the last days through the draft before saving
  await page.getByRole("button", { name: "开始模拟" }).click();
  const simulator = page.getByTestId("route-simulator");
  await expect(simulator).toContainText(/回放了 7 天内的 \d+ 笔订单/);
  await expect(simulator.getByRole("row", { name: /微信支付 · 沙箱/ })).toContainText(/\d+\.\d%/);
  await shot(page, "routing-simulator");

  await page.getByRole("button", { name: "保存规则" }).click();
  await expect(page.getByTestId("rules-notice")).toHaveText("规则已保存，下一笔支付即生效。");
  await expect(page.getByTestId("route-rule-name")).toHaveText(["支付宝优先", "Default"]);
  await shot(page, "routing-saved");

  const after = await business.createCashierOrder();
  expect(await cashierChannels(consumer, after.cashierUrl)).toEqual(["alipay", "wechatpay", "unionpay"]);
  await expect(consumer.getByRole("radio", { name: /支付宝/ })).toBeChecked();
  await shot(consumer, "routing-cashier-after");

  // Paying records the decision, shown on the routing page
  await consumer.getByRole("button", { name: "确认支付 ¥128.00" }).click();
  // the attempt (and its decision) is written while the consumer's page asks the channel: look until it is there
  const decision = page.getByTestId("recent-decision").first();
  await expect(async () => {
    await page.reload();
    await decision.locator("summary").click();
    await expect(decision.getByTestId("route-decision")).toContainText("支付宝优先", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(decision.getByTestId("route-decision-chosen")).toContainText("支付宝 · 沙箱");
  await shot(page, "routing-decision-log");

  // A second rule, dragged above the first (keyboard drag: pick up, move up, drop), wins from the next visit
  await page.getByRole("button", { name: "添加规则" }).click();
  const second = page.getByTestId("route-rule").nth(1);
  await second.getByLabel("名称").fill("微信优先");
  await second.getByRole("button", { name: "添加账户" }).click();
  await page.getByRole("button", { name: "保存规则" }).click();
  await expect(page.getByTestId("route-rule-name")).toHaveText(["支付宝优先", "微信优先", "Default"]);
  await expect(page.getByTestId("rules-notice")).toHaveText("规则已保存，下一笔支付即生效。");
  await page.getByTestId("route-rule").nth(1).getByRole("button", { name: "拖动排序" }).focus();
  for (const key of ["Space", "ArrowUp", "Space"]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(300); // dnd-kit animates each keyboard step
  }
  await expect(page.getByTestId("route-rule-name")).toHaveText(["微信优先", "支付宝优先", "Default"]);
  await page.getByRole("button", { name: "保存规则" }).click();
  await expect(page.getByTestId("rules-notice")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("route-rule-name")).toHaveText(["微信优先", "支付宝优先", "Default"]);
  expect(await cashierChannels(consumer, (await business.createCashierOrder()).cashierUrl)).toEqual(["wechatpay", "alipay", "unionpay"]);

  // Put the demo app back as it was (other specs expect the default order)
  for (let i = 0; i < 2; i++) await page.getByTestId("route-rule").first().getByRole("button", { name: "删除" }).click();
  await page.getByRole("button", { name: "保存规则" }).click();
  await expect(page.getByTestId("route-rule-name")).toHaveText(["Default"]);
  expect(await cashierChannels(consumer, (await business.createCashierOrder()).cashierUrl)).toEqual(["wechatpay", "alipay", "unionpay"]);
});

test("finance cannot open the routing page", async ({ page }) => {
  await signIn(page, USERS.finance);
  const response = await page.goto(ROUTING);
  expect(response?.status()).toBe(403);
});
