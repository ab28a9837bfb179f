import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { shot, signIn, USERS } from "./fixtures/auth";
import { demoBusinessSystem } from "./fixtures/open-api";

// Monitoring and alerts (监控告警): a merchant points a DingTalk robot at a receiver this spec runs, attaches it to
// the success-rate rule, the sandbox declines every payment, and the incident shows on the monitoring page and in
// the bell by itself (the e2e server evaluates alerts every 3 s); the robot gets one signed message; the merchant
// acknowledges and resolves it.

const MCH = "M10000001";
const SECRET = "SECe2eMonitoring0123456789";
const TOKEN = "e2e-robot-token";
/** Unique per run: a retry after a failure adds a target of its own instead of tripping over the first one's name. */
const TARGET = `告警机器人E2E-${Date.now().toString(36).slice(-4)}`;

type Received = { path: string; timestamp: string | null; sign: string | null; body: { msgtype?: string; markdown?: { title: string; text: string } } };

/** A local DingTalk robot: answers errcode 0 and keeps what it got. */
async function startRobot(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://robot.local");
      received.push({ path: url.pathname, timestamp: url.searchParams.get("timestamp"), sign: url.searchParams.get("sign"), body: JSON.parse(raw || "{}") });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?access_token=${TOKEN}`, received };
}

/** DingTalk's 加签: base64(HMAC-SHA256(secret, timestamp + "\n" + secret)). */
function expectSigned(message: Received) {
  expect(message.timestamp).toMatch(/^\d{13}$/);
  expect(message.sign).toBe(createHmac("sha256", SECRET).update(`${message.timestamp}\n${SECRET}`).digest("base64"));
}

/** Waits until every panel of the page has its data (they load in the browser), for a screenshot worth looking at. */
async function loaded(page: Page) {
  await expect(page.locator('[data-loaded="false"]')).toHaveCount(0);
}

async function setDeclineRate(page: Page, perMille: number) {
  await page.goto(`/console/${MCH}/apps/${DEMO_APP.id}`);
  await page.getByTestId("channel-account-row").filter({ hasText: "微信支付" }).getByRole("link", { name: "编辑" }).click();
  await page.getByLabel("拒付比例（‰）").fill(String(perMille));
  await page.getByTestId("save-faults").click();
  await expect(page.getByText("故障设置已保存")).toBeVisible();
}

/** A consumer pays an order with WeChat Pay in the cashier and confirms in the sandbox app, which declines it. */
async function payAndGetDeclined(browser: Browser, baseURL: string) {
  const order = await demoBusinessSystem(baseURL).createCashierOrder();
  const context = await browser.newContext({ locale: "zh-CN" });
  const cashier = await context.newPage();
  await cashier.goto(order.cashierUrl);
  await cashier.getByRole("button", { name: "确认支付 ¥128.00" }).click();
  const qr = cashier.getByTestId("qr-code");
  await expect(qr).toHaveAttribute("data-code-url", /\/sandbox\/wechatpay\/pay\//);
  const payer = await context.newPage();
  await payer.goto((await qr.getAttribute("data-code-url")) as string);
  await payer.getByRole("button", { name: "确认付款" }).click();
  await expect(payer.getByTestId("payer-result")).toHaveAttribute("data-state", "FAILED");
  await context.close();
  // WeChat Pay sends no callback for a declined payment: the business system asks (as its status sync would, later)
  const asked = await openApiClient(baseURL, DEMO_APP)(`/api/v1/pay-orders/${order.payOrderNo}?sync=true`);
  expect(asked.status).toBe(200);
  expect((asked.json as { attempts: { status: string }[] }).attempts.map((a) => a.status)).toEqual(["FAILED"]);
}

test.describe("monitoring and alerts", () => {
  let robot: Awaited<ReturnType<typeof startRobot>>;
  test.beforeAll(async () => {
    robot = await startRobot();
  });
  test.afterAll(async () => {
    await new Promise((resolve) => robot.server.close(resolve));
  });

  test("a declining channel raises one signed DingTalk alert, shown on the page and in the bell by itself; the merchant acknowledges and resolves it", async ({ page, browser, baseURL }) => {
    test.setTimeout(180_000);
    await signIn(page, USERS.owner);

    // a DingTalk robot: a bad secret is refused on its field, then saved; the test message arrives signed
    await page.goto(`/console/${MCH}/monitoring/targets`);
    await expect(page.getByRole("heading", { name: "监控告警" })).toBeVisible();
    const form = page.getByTestId("new-target-form");
    await form.getByLabel("名称").fill(TARGET);
    await form.getByLabel("Webhook 地址").fill(robot.url);
    await form.getByLabel("加签密钥").fill("not-a-secret");
    await form.getByRole("button", { name: "添加" }).click();
    await expect(form.getByText("加签密钥以 SEC 开头，后接 10 到 100 位字母或数字")).toBeVisible();
    await form.getByLabel("加签密钥").fill(SECRET);
    await form.getByRole("button", { name: "添加" }).click();
    const row = page.getByTestId("target-row").filter({ hasText: TARGET });
    await expect(row).toContainText(new URL(robot.url).host);
    await expect(page.locator("body")).not.toContainText(TOKEN);
    await row.getByRole("button", { name: "发送测试消息" }).click();
    await expect(row.getByTestId("test-result")).toHaveText("测试消息已发送，请在群里或邮箱查看。");
    expect(robot.received).toHaveLength(1);
    expectSigned(robot.received[0]);
    robot.received.length = 0;
    await shot(page, "monitoring-targets");

    // the success-rate rule: any failure among at least 3 payments over 5 minutes (other specs' payments may share the window), to the robot; a bad threshold is refused on its field
    await page.getByRole("link", { name: "告警规则", exact: true }).click();
    const rule = page.getByTestId("rule-card").and(page.locator('[data-kind="SUCCESS_RATE_DROP"]'));
    await rule.getByLabel("成功率低于（%）").fill("0");
    await rule.getByRole("button", { name: "保存" }).click();
    await expect(rule.getByText("请输入 1 到 100 的整数")).toBeVisible();
    await rule.getByLabel("成功率低于（%）").fill("100");
    await rule.getByLabel("最少支付笔数").fill("3");
    await rule.getByLabel("统计窗口（分钟）").fill("5");
    await rule.getByLabel(TARGET).check();
    await rule.getByRole("button", { name: "保存" }).click();
    await expect(rule.getByText("已保存")).toBeVisible();
    await expect(rule.getByTestId("rule-summary")).toHaveText("近 5 分钟内，成功率低于 100%（至少 3 笔）");
    await shot(page, "monitoring-rules");

    // (the demo's own data and other specs' payments may fire rules too, this one included: the checks below hold
    // whatever else fires in the window)
    const bell = page.getByTestId("alert-bell");
    const firing = async () => Number(await bell.getAttribute("data-firing"));

    // the sandbox declines every payment; three consumers try to pay
    await setDeclineRate(page, 1000);
    try {
      for (let i = 0; i < 3; i++) await payAndGetDeclined(browser, baseURL!);
    } finally {
      await setDeclineRate(page, 0);
    }

    // the monitoring page and the bell show it by themselves
    await page.goto(`/console/${MCH}/monitoring`);
    const open = page.getByTestId("open-incidents").getByTestId("incident-row").filter({ hasText: "支付成功率下降" });
    await expect(open).toBeVisible({ timeout: 60_000 });
    await expect(open).toContainText(/成功率 \d+%（阈值 100%）/);
    await expect(open.getByTestId("incident-status")).toHaveText("告警中");
    await expect.poll(firing, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await page.getByTestId("alert-bell-count").textContent()) === String(await firing())).toBe(true);
    // the health table (polled every 30 s) counts the three declines among the account's failures
    const failed = async () => Number(await page.getByTestId("health-row").filter({ hasText: "微信支付" }).getByTestId("health-failed").textContent());
    await expect.poll(failed, { timeout: 45_000 }).toBeGreaterThanOrEqual(3);
    await loaded(page);
    await shot(page, "monitoring-overview");

    // a signed alert reached the robot, once per incident: a second alert of the rule only after the first recovered
    const titles = () => robot.received.map((message) => message.body.markdown?.title ?? "").filter((title) => title.includes("支付成功率下降"));
    await expect.poll(() => titles().some((title) => title.includes("【告警】")), { timeout: 30_000 }).toBe(true);
    for (const message of robot.received) {
      expectSigned(message);
      expect(message.body.msgtype).toBe("markdown");
    }
    expect(titles().map((title) => (title.includes("【告警】") ? "F" : "R")).join("")).not.toContain("FF");

    // the bell lists it; opening it marks it seen
    await page.getByTestId("alert-bell").click();
    await expect(page.getByTestId("alert-bell-item").first()).toContainText("支付成功率下降");
    await shot(page, "monitoring-bell");
    await page.keyboard.press("Escape");

    // acknowledge, then resolve on the history page: who and when
    const firingBeforeAck = await firing();
    await open.getByRole("button", { name: "确认" }).click();
    await expect(open.getByTestId("incident-status")).toHaveText("处理中");
    await expect.poll(firing).toBe(firingBeforeAck - 1);
    // (the channel still declines in the window, so the evaluator may open a new incident after this one is resolved: follow this one)
    const incidentId = (await open.getAttribute("data-incident-id")) as string;
    await page.getByRole("link", { name: "告警记录", exact: true }).click();
    const history = page.getByTestId("incident-history").locator(`[data-incident-id="${incidentId}"]`);
    await expect(history).toContainText("店主 Olivia 于");
    await history.getByRole("button", { name: "关闭" }).click();
    await expect(history.getByTestId("incident-status")).toHaveText("已恢复");
    await expect(history).toContainText(/店主 Olivia 于 .* 关闭/);
    await loaded(page);
    await shot(page, "monitoring-incidents");
  });

  test("the monitoring pages and the operators' page in English", async ({ page, browser, baseURL }) => {
    await signIn(page, USERS.owner);
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
    for (const [path, heading] of [
      ["", "Channel health"],
      ["/incidents", "Alert history"],
      ["/rules", "Success rate drop"],
      ["/targets", "Notification targets"],
    ] as const) {
      await page.goto(`/console/${MCH}/monitoring${path}`);
      await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
      await loaded(page);
      await shot(page, `monitoring${path.replace("/", "-") || "-overview"}-en`);
    }
    await expect(page.getByTestId("alert-bell")).toBeVisible();
    // on a phone: the bell fits the top bar, the page never scrolls sideways (wide tables scroll inside their card)
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/console/${MCH}/monitoring`);
    await loaded(page);
    await expect(page.getByTestId("alert-bell")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "monitoring-overview-390-en");

    const operator = await (await browser.newContext({ locale: "zh-CN" })).newPage();
    await signIn(operator, USERS.admin);
    await operator.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
    for (const [path, heading] of [
      ["", "Platform monitoring and alerts"],
      ["/rules", "Job queue backlog"],
    ] as const) {
      await operator.goto(`/admin/monitoring${path}`);
      await expect(operator.getByRole("heading", { name: heading }).first()).toBeVisible();
      await loaded(operator);
      await shot(operator, `admin-monitoring${path.replace("/", "-") || "-overview"}-en`);
    }
    await operator.context().addCookies([{ name: LOCALE_COOKIE, value: "zh-CN", url: baseURL! }]);
    await operator.goto("/admin/monitoring/incidents");
    await expect(operator.getByRole("heading", { name: "告警记录" })).toBeVisible();
    await loaded(operator);
    await shot(operator, "admin-monitoring-incidents");
    await operator.goto("/admin/monitoring/rules");
    await expect(operator.getByRole("heading", { name: "任务队列积压" })).toBeVisible();
    await shot(operator, "admin-monitoring-rules");
  });
});
