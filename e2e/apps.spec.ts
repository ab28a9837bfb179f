import { expect, test } from "@playwright/test";
import { LOCALE_COOKIE } from "../server/i18n/locales";
import { DEMO_APP, openApiClient } from "../server/testing/open-api-client";
import { shot, signIn, USERS } from "./fixtures/auth";

const MCH = "M10000001";
const missingOrder = "/api/v1/pay-orders/P20261122000000000AAAAAAAA";

test.describe("apps, keys and channel accounts", () => {
  test("the owner creates a LIVE app, adds a WeChat Pay account, tests it, and rotates the key", async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    await signIn(page, USERS.owner);
    await page.goto(`/console/${MCH}/apps`);
    await expect(page.getByRole("heading", { name: "应用与密钥" })).toBeVisible();
    await shot(page, "apps-list");

    // create: client-side validation first, what was typed stays
    await page.getByTestId("create-app").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("默认通知地址").fill("ftp://mall.example/notify");
    await dialog.getByRole("button", { name: "创建" }).click();
    await expect(dialog.getByText("请输入名称")).toBeVisible();
    await expect(dialog.getByText("请输入以 http:// 或 https:// 开头的地址")).toBeVisible();
    await expect(dialog.getByLabel("默认通知地址")).toHaveValue("ftp://mall.example/notify");
    await shot(page, "app-create-errors");

    await dialog.getByLabel("应用名称").fill("商城 · 生产");
    await expect(dialog.getByLabel("正式（真实渠道）")).toBeChecked();
    await dialog.getByLabel("默认通知地址").fill("https://203.0.113.10/pay-notify");
    await dialog.getByLabel("退款审核阈值（元）").fill("500.00");
    await dialog.getByRole("button", { name: "创建" }).click();
    await expect(dialog.getByRole("heading", { name: "应用已创建" })).toBeVisible();
    const secret = (await dialog.getByTestId("app-secret").textContent()) ?? "";
    expect(secret).toMatch(/^sk_live_/);
    await expect(dialog.getByText("密钥只显示这一次")).toBeVisible();
    await shot(page, "app-created-secret-once");
    await dialog.getByRole("link", { name: "前往应用接入页" }).click();

    // the app's page: id, mode, integration examples; the secret is never shown again
    await expect(page.getByRole("heading", { name: /商城 · 生产/ })).toBeVisible();
    const appId = (await page.getByTestId("app-id").textContent()) ?? "";
    expect(appId).toMatch(/^app_/);
    expect(await page.content()).not.toContain(secret);
    await expect(page.getByTestId("example-curl")).toContainText(`APP_ID="${appId}"`);
    await page.getByRole("tab", { name: "TypeScript" }).click();
    await expect(page.getByTestId("example-typescript")).toContainText('from "node:crypto"');
    await page.getByTestId("send-test-request").click();
    await expect(page.getByTestId("test-request-status")).toHaveText("404");
    await expect(page.getByText("签名通过")).toBeVisible();
    await shot(page, "app-integration");

    // a WeChat Pay account: the form is generated from the plugin's credential schema
    await page.getByTestId("add-channel-account").click();
    await expect(page.getByRole("heading", { name: /添加渠道账户/ })).toBeVisible();
    await expect(page.getByLabel("商户号 mchid")).toBeVisible();
    await expect(page.getByLabel("APIv3 密钥")).toHaveAttribute("type", "password");
    await expect(page.getByLabel("商户 API 私钥（apiclient_key.pem）")).toBeVisible();
    await page.getByLabel("账户名称").fill("微信支付 · 上线演练");
    await page.getByLabel("商户号 mchid").fill("abc");
    await page.getByTestId("save-channel-account").click();
    await expect(page.getByText("请填写此项").first()).toBeVisible();
    await shot(page, "channel-account-new-live");
    // the server validates with the plugin's schema too: a bad merchant id comes back on its field
    await page.getByLabel("商户号 mchid").fill("1900000001");
    await page.getByLabel("AppID（公众号 / 小程序 / App）").fill("wx1234567890abcdef");
    await page.getByLabel("商户 API 证书序列号").fill("not-hex");
    await page.getByLabel("APIv3 密钥").fill("K".repeat(32));
    await page.getByLabel("商户 API 私钥（apiclient_key.pem）").fill("not a key");
    await page.getByLabel("微信支付公钥 ID").fill("PUB_KEY_ID_0001");
    await page.getByLabel("微信支付公钥（pub_key.pem）").fill("not a key");
    await page.getByTestId("save-channel-account").click();
    await expect(page.getByText("渠道凭证有误，请检查标出的字段")).toBeVisible();
    await expect(page.getByText(/格式不正确：not a PEM private key/)).toBeVisible();
    await expect(page.getByLabel("商户号 mchid")).toHaveValue("1900000001");
    await shot(page, "channel-account-server-errors");

    // rehearse against the built-in sandbox: credentials opened there, base URL pointing at it
    await page.getByTestId("sandbox-provision").check();
    await expect(page.getByTestId("credentials-card")).toHaveCount(0);
    await page.getByTestId("save-channel-account").click();
    await expect(page.getByTestId("account-created")).toContainText("已在沙箱开户");
    await expect(page.getByTestId("secret-set-apiV3Key")).toHaveText("已设置 ●●●●");
    await expect(page.getByTestId("secret-set-privateKeyPem")).toHaveText("已设置 ●●●●");
    await expect(page.getByLabel(/APIv3 密钥/)).toHaveValue("");
    await expect(page.getByLabel(/渠道基础地址/)).toHaveValue(`${baseURL}/api/sandbox/wechatpay`);
    await page.getByTestId("test-connection").click();
    await expect(page.getByTestId("connection-result")).toHaveAttribute("data-ok", "true");
    await expect(page.getByTestId("connection-result")).toContainText("连接正常");
    await shot(page, "channel-account-test-ok");

    // editing other fields keeps the secrets: the connection still works
    await page.getByLabel("费率（基点）").fill("38");
    await expect(page.getByText("当前：0.38%")).toBeVisible();
    await page.getByTestId("save-channel-account").click();
    await expect(page.getByText("已保存", { exact: true })).toBeVisible();
    await page.getByTestId("test-connection").click();
    await expect(page.getByTestId("connection-result")).toHaveAttribute("data-ok", "true");

    // rotation: the new secret once; during the grace period both verify
    await page.getByRole("link", { name: "商城 · 生产" }).click();
    await expect(page.getByTestId("channel-account-row")).toHaveCount(1);
    await page.getByTestId("rotate-secret").click();
    const rotate = page.getByRole("dialog");
    await expect(rotate.getByLabel("旧密钥宽限期（小时）")).toHaveValue("24");
    await rotate.getByRole("button", { name: "生成新密钥" }).click();
    await expect(rotate.getByRole("heading", { name: "新密钥已生成" })).toBeVisible();
    const rotated = (await rotate.getByTestId("app-secret").textContent()) ?? "";
    expect(rotated).toMatch(/^sk_live_/);
    expect(rotated).not.toBe(secret);
    await shot(page, "app-rotated-secret-once");
    await rotate.getByRole("button", { name: "我已保存，关闭" }).click();
    await expect(page.getByTestId("previous-secret")).toContainText("上一个密钥在");
    expect(await page.content()).not.toContain(rotated);
    for (const key of [secret, rotated]) {
      const answer = await openApiClient(baseURL!, { id: appId, secret: key })(missingOrder);
      expect(answer.json.error.code).toBe("ORDER_NOT_FOUND");
    }
    await shot(page, "app-page-after-rotation");
  });

  test("a TEST app's sandbox account: test connection and fault injection; all accounts listed", async ({ page }) => {
    await signIn(page, USERS.owner);
    await page.goto(`/console/${MCH}/channels`);
    await expect(page.getByRole("heading", { name: "支付渠道" })).toBeVisible();
    await shot(page, "channels-list");
    await page.goto(`/console/${MCH}/apps/${DEMO_APP.id}`);
    await page.getByTestId("channel-account-row").filter({ hasText: "微信支付" }).getByRole("link", { name: "编辑" }).click();
    await expect(page.getByTestId("faults-form")).toBeVisible();
    await page.getByTestId("test-connection").click();
    await expect(page.getByTestId("connection-result")).toHaveAttribute("data-ok", "true");
    await page.getByLabel("拒付比例（‰）").fill("2000");
    await page.getByTestId("save-faults").click();
    await expect(page.getByText("请输入 0 到 1000 之间的整数")).toBeVisible();
    await page.getByLabel("拒付比例（‰）").fill("100");
    await page.getByTestId("save-faults").click();
    await expect(page.getByText("故障设置已保存")).toBeVisible();
    await shot(page, "channel-account-sandbox-faults");
    await page.getByLabel("拒付比例（‰）").fill("0");
    await page.getByTestId("save-faults").click();
    await expect(page.getByText("故障设置已保存")).toBeVisible();
  });

  test("a disabled app's Open API calls are refused", async ({ page, baseURL }) => {
    await signIn(page, USERS.developer);
    await page.goto(`/console/${MCH}/apps`);
    await page.getByTestId("create-app").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("应用名称").fill("临时测试");
    await dialog.getByLabel("测试（沙箱，不产生真实资金）").check();
    await dialog.getByRole("button", { name: "创建" }).click();
    const secret = (await dialog.getByTestId("app-secret").textContent()) ?? "";
    await dialog.getByRole("link", { name: "前往应用接入页" }).click();
    const appId = (await page.getByTestId("app-id").textContent()) ?? "";
    await page.getByTestId("disable-app").click();
    await page.getByTestId("confirm-disable").click();
    await expect(page.getByTestId("app-status")).toHaveText("停用");
    const refused = await openApiClient(baseURL!, { id: appId, secret })(missingOrder);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("APP_DISABLED");
    await page.getByTestId("send-test-request").click();
    await expect(page.getByTestId("test-request-status")).toHaveText("403");
    await shot(page, "app-disabled");
    await page.getByTestId("enable-app").click();
    await expect(page.getByTestId("app-status")).toHaveText("启用");
  });

  test("the pages speak English on request", async ({ page, baseURL }) => {
    await signIn(page, USERS.developer);
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: "en", url: baseURL! }]);
    await page.goto(`/console/${MCH}/apps/${DEMO_APP.id}`);
    await expect(page.getByText("Integration", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Rotate secret" })).toBeVisible();
    await shot(page, "app-page-en");
    await page.goto(`/console/${MCH}/apps/${DEMO_APP.id}/channels/new`);
    await page.getByLabel("Alipay", { exact: true }).check();
    await page.getByTestId("sandbox-provision").uncheck();
    await expect(page.getByLabel("Alipay public key")).toBeVisible();
    await page.getByTestId("save-channel-account").click();
    await expect(page.getByText("Enter a name")).toBeVisible();
    await expect(page.getByText("Fill this in").first()).toBeVisible();
    await shot(page, "channel-account-new-en");
  });

  test("a FINANCE user cannot open the keys pages", async ({ page }) => {
    await signIn(page, USERS.finance);
    for (const path of [`/console/${MCH}/apps`, `/console/${MCH}/apps/${DEMO_APP.id}`, `/console/${MCH}/channels`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByTestId("status-title")).toHaveText("没有访问权限");
    }
    await shot(page, "forbidden-finance-keys");
  });
});
