import { type Browser, expect, type Page, test } from "@playwright/test";
import { shot, signIn, USERS } from "./fixtures/auth";
import { tinyPng } from "./fixtures/png";

// A visitor signs up, fills in the company profile with a licence scan and submits it; an operator
// rejects it with a reason, the owner corrects and resubmits, the operator approves, the owner sees ACTIVE.

/** The id of one of the demo merchant's channel accounts, read by its owner through the console's API. */
async function demoChannelAccountId(browser: Browser, baseURL: string, channel: string): Promise<string> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signIn(page, USERS.owner);
    const input = encodeURIComponent(JSON.stringify({ json: { mchNo: "M10000001" } }));
    const accounts = (await (await page.request.get(`/api/trpc/channelAccounts.list?input=${input}`)).json()).result.data.json as { id: string; channel: string }[];
    const account = accounts.find((a) => a.channel === channel);
    if (!account) throw new Error(`the demo merchant has no ${channel} account`);
    return account.id;
  } finally {
    await context.close();
  }
}

async function signOut(page: Page) {
  await page.context().clearCookies();
}

test.describe("onboarding and review", () => {
  test("sign up → profile → submit; the operator rejects, then approves; the owner sees ACTIVE", async ({ page }) => {
    const email = `founder-${Date.now()}@newshop.example`;

    // Sign-up, linked from the sign-in page.
    await page.goto("/signin");
    await page.getByRole("link", { name: "立即注册" }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByText("请输入有效的邮箱地址")).toBeVisible();
    await page.getByLabel("企业名称").fill("新店科技");
    await page.getByLabel("邮箱").fill(USERS.owner);
    await page.getByLabel("密码").fill("Secret123");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByText("该邮箱已注册，请直接登录")).toBeVisible();
    await expect(page.getByLabel("企业名称")).toHaveValue("新店科技");
    await shot(page, "signup-duplicate");
    await page.getByLabel("邮箱").fill(email);
    await page.getByRole("button", { name: "注册" }).click();

    await expect(page).toHaveURL(/\/console\/M\d{8}$/);
    const mchNo = page.url().split("/").pop() as string;
    await expect(page.getByTestId("merchant-banner")).toContainText("商户尚未开通");
    await expect(page.getByTestId("merchant-status")).toHaveText("草稿");
    await shot(page, "onboarding-console-draft");

    // The company profile: a wrong check character is explained and what was typed stays.
    await page.getByRole("link", { name: "前往企业资料" }).click();
    await expect(page).toHaveURL(`/console/${mchNo}/settings`);
    await page.getByLabel("企业全称").fill("杭州新店科技有限公司");
    await page.getByLabel("统一社会信用代码").fill("91330100716105852A");
    await page.getByLabel("经营类目").click();
    await page.getByRole("option", { name: "电子商务" }).click();
    await page.getByLabel("联系人姓名").fill("李四");
    await page.getByLabel("联系电话").fill("13900139000");
    await page.getByLabel("联系邮箱").fill("li@newshop.example");
    await page.getByLabel("开户银行（支行）").fill("招商银行杭州分行");
    await page.getByLabel("账户名称").fill("杭州新店科技有限公司");
    await page.getByLabel("银行账号").fill("6214 8301 2345 9876");
    await page.getByRole("button", { name: "保存资料" }).click();
    await expect(page.getByText("校验位不正确，请核对代码")).toBeVisible();
    await expect(page.getByLabel("企业全称")).toHaveValue("杭州新店科技有限公司");
    await shot(page, "onboarding-profile-error");
    await page.getByLabel("统一社会信用代码").fill("91330100716105852F");
    await page.getByRole("button", { name: "保存资料" }).click();
    await expect(page.getByTestId("profile-notice")).toHaveText("资料已保存");
    await expect(page.getByTestId("bank-account-masked")).toContainText("**** 9876");
    await expect(page.getByLabel("银行账号")).toHaveValue("");
    await expect(page.getByTestId("profile-missing")).toHaveText("营业执照");

    // The licence: a text file is refused by its bytes, the PNG is kept.
    await page.getByLabel("文件").setInputFiles({ name: "licence.png", mimeType: "image/png", buffer: Buffer.from("not really a png") });
    await page.getByRole("button", { name: "上传" }).click();
    await expect(page.getByText("只接受 PNG、JPEG 或 PDF 文件")).toBeVisible();
    await page.getByLabel("文件").setInputFiles({ name: "营业执照.png", mimeType: "image/png", buffer: tinyPng() });
    await page.getByRole("button", { name: "上传" }).click();
    await expect(page.getByTestId("licence-on-file")).toContainText("营业执照.png");
    await shot(page, "onboarding-profile-complete");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page.getByTestId("merchant-banner")).toContainText("审核中");
    await expect(page.getByText("审核中或审核通过后不能修改资料。")).toBeVisible();
    await shot(page, "onboarding-submitted");

    // The operator rejects with a reason.
    await signOut(page);
    await signIn(page, USERS.admin);
    await page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "入驻审核" }).click();
    await page.getByTestId("review-row").filter({ hasText: mchNo }).getByRole("link", { name: "审核" }).click();
    await expect(page.getByTestId("profile-details")).toContainText("91330100716105852F");
    await expect(page.getByTestId("profile-details")).toContainText("**** 9876");
    await expect(page.getByTestId("licence-image")).toBeVisible();
    expect(await page.getByTestId("licence-image").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
    await shot(page, "admin-review-detail");
    await page.getByTestId("reject").click();
    await page.getByRole("button", { name: "驳回" }).last().click();
    await expect(page.getByText("内容太短")).toBeVisible();
    await page.getByLabel("原因（商户可见）").fill("营业执照照片不清晰，请重新上传");
    await page.getByRole("button", { name: "驳回" }).last().click();
    await expect(page.getByTestId("review-status")).toHaveText("已驳回");

    // The owner reads the reason, re-uploads and resubmits.
    await signOut(page);
    await signIn(page, email, "Secret123");
    await expect(page.getByTestId("merchant-banner-reason")).toContainText("营业执照照片不清晰，请重新上传");
    await shot(page, "onboarding-rejected");
    await page.goto(`/console/${mchNo}/settings`);
    await page.getByLabel("替换文件").setInputFiles({ name: "营业执照-清晰.png", mimeType: "image/png", buffer: tinyPng() });
    await page.getByRole("button", { name: "上传" }).click();
    await expect(page.getByTestId("licence-on-file")).toContainText("营业执照-清晰.png");
    await page.getByRole("button", { name: "重新提交" }).click();
    await expect(page.getByTestId("merchant-banner")).toContainText("审核中");

    // The operator approves.
    await signOut(page);
    await signIn(page, USERS.admin);
    await page.goto("/admin/reviews");
    await shot(page, "admin-review-queue");
    await page.getByTestId("review-row").filter({ hasText: mchNo }).getByRole("link", { name: "审核" }).click();
    await page.getByTestId("approve").click();
    await page.getByTestId("approve-confirm").click();
    await expect(page.getByTestId("review-status")).toHaveText("已启用");

    // The owner sees ACTIVE, without a banner.
    await signOut(page);
    await signIn(page, email, "Secret123");
    await expect(page.getByTestId("merchant-status")).toHaveText("已启用");
    await expect(page.getByTestId("merchant-banner")).toHaveCount(0);
    await page.goto(`/console/${mchNo}/audit`);
    await expect(page.getByTestId("audit-row").first()).toContainText("审核通过");
    await shot(page, "onboarding-audit");
  });

  test("the owner invites a developer who signs up through the link; roles change; the last owner stays", async ({ page, browser }) => {
    const invitee = `dev-${Date.now()}@example.com`;
    await signIn(page, USERS.owner);
    await page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "成员" }).click();
    await expect(page).toHaveURL(/\/console\/M10000001\/members$/);
    await page.getByRole("button", { name: "邀请成员" }).click();
    await page.getByLabel("邮箱").fill(USERS.finance);
    await page.getByRole("button", { name: "生成邀请链接" }).click();
    await expect(page.getByText("此人已是成员")).toBeVisible();
    await page.getByLabel("邮箱").fill(invitee);
    await page.getByRole("button", { name: "生成邀请链接" }).click();
    const link = await page.getByTestId("invite-link").inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await shot(page, "members-invite-link");
    await page.getByRole("button", { name: "完成" }).click();
    await expect(page.getByTestId("invitation-row").filter({ hasText: invitee })).toBeVisible();

    const other = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const guest = await other.newPage();
    await guest.goto(link);
    await expect(guest.getByRole("heading", { name: "加入商户" })).toBeVisible();
    await guest.getByLabel("你的姓名").fill("新同事");
    await guest.getByLabel("密码").fill("Secret123");
    await shot(guest, "invite-signup");
    await guest.getByRole("button", { name: "创建账号并加入" }).click();
    await expect(guest).toHaveURL(/\/console\/M10000001$/);
    await guest.goto(link);
    await expect(guest.getByTestId("invite-state")).toHaveText("邀请已被使用。");
    await other.close();

    await page.reload();
    const row = page.getByTestId("member-row").filter({ hasText: invitee });
    await expect(row).toContainText("新同事");
    await row.getByRole("combobox").click();
    await page.getByRole("option", { name: "财务" }).click();
    await expect(row.getByRole("combobox")).toHaveText("财务");

    // The only owner cannot demote themself.
    const self = page.getByTestId("member-row").filter({ hasText: USERS.owner });
    await self.getByRole("combobox").click();
    await page.getByRole("option", { name: "只读成员" }).click();
    await expect(page.getByTestId("members-error")).toHaveText("商户至少要保留一位所有者。");
    await shot(page, "members");

    await row.getByRole("button", { name: "移除" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "移除" }).click();
    await expect(page.getByTestId("member-row").filter({ hasText: invitee })).toHaveCount(0);

    await page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "审计日志" }).click();
    await expect(page.getByTestId("audit-row").first()).toContainText("移除成员");
    await expect(page.getByTestId("audit-row").filter({ hasText: "变更角色" }).first()).toContainText(USERS.owner);
    await shot(page, "console-audit");
  });

  test("the operator suspends and reinstates a merchant and reads the failed callbacks and the audit log", async ({ page, browser, baseURL }) => {
    const accountId = await demoChannelAccountId(browser, baseURL as string, "wechatpay");
    await signIn(page, USERS.admin);
    const acme = page.getByTestId("merchant-row").filter({ hasText: "M10000002" });
    await acme.getByTestId("suspend").click();
    await page.getByLabel("原因（商户可见）").fill("风控排查：异常退款");
    await page.getByRole("dialog").getByRole("button", { name: "暂停" }).click();
    await expect(acme).toContainText("已停用");
    await shot(page, "admin-merchants-suspended");
    await acme.getByTestId("reinstate").click();
    await page.getByTestId("reinstate-confirm").click();
    await expect(acme).toContainText("已启用");

    // A forged WeChat Pay callback to a real account is recorded, not applied; one to an account that does not exist is not even stored.
    const forge = (id: string) =>
      page.request.post(`/api/notify/wechatpay/${id}`, {
        headers: { "content-type": "application/json", "wechatpay-signature": "forged" },
        data: JSON.stringify({ id: "EV-forged-1", event_type: "TRANSACTION.SUCCESS", resource: { ciphertext: "AAAA" } }),
      });
    expect((await forge("0195f0a0-0000-7000-8000-000000000000")).status()).toBe(404);
    expect((await forge(accountId)).status()).toBeGreaterThanOrEqual(400);
    await page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "异常回调" }).click();
    await expect(page.getByRole("heading", { name: "异常回调" })).toBeVisible();
    await expect(page.getByTestId("callback-row").first()).toContainText("验签失败");
    await shot(page, "admin-callbacks");
    await page.getByTestId("callback-row").first().getByRole("link", { name: "原文" }).click();
    await expect(page.getByTestId("callback-body")).toContainText("EV-forged-1");
    await shot(page, "admin-callback-raw");

    await page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "审计日志" }).click();
    await expect(page.getByRole("heading", { name: "审计日志" })).toBeVisible();
    await page.getByLabel("商户号").fill("M10000002");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page).toHaveURL(/\/admin\/audit\?mchNo=M10000002/);
    await expect(page.getByTestId("audit-row").first()).toContainText("恢复商户");
    await expect(page.getByTestId("audit-row").filter({ hasText: "暂停商户" })).toContainText("风控排查：异常退款");
    await shot(page, "admin-audit");
  });

  test("the licence route refuses oversized and wrong files and strangers", async ({ page }) => {
    const url = "/api/merchants/M10000001/licence";
    expect((await page.request.get(url)).status()).toBe(401);
    await signIn(page, USERS.owner);
    const post = (name: string, buffer: Buffer, mimeType = "image/png") => page.request.post(url, { multipart: { file: { name, mimeType, buffer } } });
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    tinyPng().copy(big);
    const tooLarge = await post("big.png", big);
    expect([tooLarge.status(), (await tooLarge.json()).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    const svg = await post("x.png", Buffer.from("<svg onload=alert(1)></svg>"));
    expect([svg.status(), (await svg.json()).error.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    // An active merchant's profile is locked.
    expect((await post("ok.png", tinyPng())).status()).toBe(409);
    expect((await page.request.post(url, { data: "not multipart" })).status()).toBe(400);
    await signOut(page);
    await signIn(page, USERS.acmeOwner);
    expect((await page.request.get(url)).status()).toBe(404);
    expect((await post("ok.png", tinyPng())).status()).toBe(404);
  });

  test("the new pages read in English", async ({ page }) => {
    await signIn(page, USERS.owner);
    await page.getByTestId("locale-switcher").click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
    await page.goto("/console/M10000001/settings");
    await expect(page.getByRole("heading", { name: "Company profile" })).toBeVisible();
    await expect(page.getByText("The profile cannot be edited while it is under review or after approval.")).toBeVisible();
    await shot(page, "settings-en");
    await page.goto("/console/M10000001/members");
    await expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
    await shot(page, "members-en");
    await page.goto("/console/M10000001/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await shot(page, "audit-en");
    await signOut(page);
    await page.goto("/signup");
    await page.getByTestId("locale-switcher").click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Create your PayCenter account" })).toBeVisible();
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    await shot(page, "signup-en");
    await signIn(page, USERS.admin);
    await page.goto("/admin/reviews");
    await expect(page.getByRole("heading", { name: "Merchant reviews" })).toBeVisible();
    await shot(page, "admin-reviews-en");
  });
});
