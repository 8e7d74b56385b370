// Search: the box in every page's header, and /search/ with and without JavaScript.
import assert from "node:assert/strict";
import { test } from "node:test";
import { open } from "./harness.mjs";

const results = (page) => page.locator("#search-results li");
const firstHref = (page) => results(page).first().locator("a").getAttribute("href");

/** Types `query` into the search page's box and waits for the results to say so. */
async function search(page, query, { typed = false } = {}) {
  const box = page.locator("#search-q");
  if (typed) await box.pressSequentially(query, { delay: 20 });
  else await box.fill(query);
  await page.locator("#search-status", { hasText: query.trim() }).waitFor();
}

test("an English query finds a record by its name, with kind and snippet", async () => {
  const page = await open("search/");
  await search(page, "laos cloud comp", { typed: true });
  assert.equal(await firstHref(page), "../projects/laos-cloud-computing-center/");
  const first = results(page).first();
  assert.equal(await first.locator(".kind-tag").innerText(), "Project");
  assert.ok((await first.locator(".search-snippet").innerText()).length > 20);
  assert.ok(await first.locator("mark").count() >= 2, "matched words are marked");
  assert.match(page.url(), /\?q=laos\+cloud\+comp$/);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test("a Chinese query finds records by their Chinese titles", async () => {
  const page = await open("search/");
  await search(page, "信息港");
  const hrefs = await results(page).locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  for (const task of ["task-13", "task-14", "task-15"]) assert.ok(hrefs.includes(`../tasks/${task}/`), `${task} in ${hrefs}`);
  assert.equal(await results(page).first().locator("[lang=zh-Hans] mark").first().innerText(), "信息港");

  await search(page, "全面优化国际互联网数据专用通道");
  assert.equal(await firstHref(page), "../tasks/task-01/");
  assert.match(await results(page).first().innerText(), /Comprehensively improve the international internet data channel/);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test("kind buttons filter the results and show counts", async () => {
  const page = await open("search/");
  await search(page, "laos ");
  const all = await results(page).count();
  const chip = page.locator("#search-kinds button", { hasText: /^Projects \d+$/ });
  const count = Number(await chip.locator(".count").innerText());
  assert.ok(count > 0 && count < all, `${count} projects of ${all}`);
  await chip.focus();
  await page.keyboard.press("Enter");
  assert.equal(await chip.getAttribute("aria-pressed"), "true");
  await page.waitForFunction((n) => document.querySelectorAll("#search-results li").length === n, Math.min(count, 20));
  const kinds = await results(page).locator(".kind-tag").allInnerTexts();
  assert.ok(kinds.every((k) => k === "Project"), kinds.join());
  assert.match(page.url(), /kind=projects/);
  await page.locator("#search-kinds button", { hasText: /^All/ }).click();
  await page.waitForFunction((n) => document.querySelectorAll("#search-results li").length === n, Math.min(all, 20));
  await page.closeAll();
});

test("the header box on any page submits to the search page", async () => {
  const page = await open("countries/laos/");
  await page.locator("header [role=search] input[name=q]").fill("信息港");
  await page.locator("header [role=search] input[name=q]").press("Enter");
  await page.waitForURL(/\/search\/\?q=/);
  await page.locator("#search-status", { hasText: "信息港" }).waitFor();
  assert.equal(await page.locator("#search-q").inputValue(), "信息港");
  assert.ok((await results(page).count()) >= 3);
  await page.closeAll();
});

test("the keyboard moves from the box into the results and back", async () => {
  const page = await open("search/?q=cloud");
  await page.locator("#search-status", { hasText: "cloud" }).waitFor();
  await page.locator("#search-q").focus();
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.closest("li")?.className), "search-result");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-q");
  await page.closeAll();
});

test("the first query downloads little of the index", async () => {
  const page = await open("search/");
  const bytes = new Map();
  page.on("response", async (r) => {
    if (/\/search(\.js|\/.+\.json)$/.test(r.url())) bytes.set(r.url(), (await r.body()).length);
  });
  await search(page, "cloud", { typed: true });
  await page.waitForLoadState("networkidle");
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  console.log(`first query "cloud": ${bytes.size} index files, ${total} bytes`);
  assert.ok(total < 150_000, `${total} bytes`);
  await page.closeAll();
});

test("without JavaScript the search page says so and lists every record A to Z", async () => {
  const page = await open("search/?q=cloud", { javaScript: false });
  assert.ok(await page.locator("#search-nojs").isVisible());
  assert.ok(!(await page.locator("#search-ui").isVisible()));
  const groups = await page.locator(".search-group h3").count();
  assert.ok(groups >= 15, `${groups} kinds`);
  const links = await page.locator(".search-list a").count();
  assert.ok(links >= 300, `${links} records listed`);
  const tasks = page.locator("#all-tasks + ul a");
  const titles = await tasks.allInnerTexts();
  assert.deepEqual(titles, [...titles].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
  assert.ok(await page.locator(".search-list [lang=zh-Hans]", { hasText: "全面优化国际互联网数据专用通道" }).count());
  await page.closeAll();
});
