// The timeline's filters: instant in place with JavaScript, plain links to pre-rendered pages without.
import assert from "node:assert/strict";
import { test } from "node:test";
import { open } from "./harness.mjs";

/** Items of the list a reader can see (hidden ones take no room). */
const visibleItems = (page) =>
  page.$$eval("#tl-list li", (items) => items.filter((li) => li.offsetParent !== null).length);

test("a timeline filter narrows the list in place, follows the address and announces the count", async () => {
  const page = await open("timeline/");
  const total = await page.locator("#tl-list li").count();
  assert.ok(total >= 50, `only ${total} items on the timeline`);
  assert.equal(await visibleItems(page), total);

  const laos = page.locator('#tl-filters a[data-facet="country"][data-value="laos"]');
  const expected = Number(await laos.locator(".count").innerText());
  await laos.click();
  const shown = await visibleItems(page);
  assert.equal(shown, expected, "the list shows as many items as the filter link promised");
  assert.ok(shown < total, `${shown} of ${total}: the filter did not narrow the list`);
  assert.ok((await page.locator("#tl-list li[hidden]").count()) > 0, "no item hidden");
  assert.match(new URL(page.url()).pathname, /\/timeline\/country\/laos\/$/);
  assert.equal(await page.locator("#tl-count").innerText(), `Showing ${shown} of ${total} dated records (Country: Laos).`);
  assert.equal(await page.locator("#tl-count").getAttribute("role"), "status");
  assert.equal(await laos.getAttribute("aria-current"), "page");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.value), "laos", "focus stays on the link");
  // The picture hides the bars of hidden items too.
  assert.equal(await page.locator(".tl-marks rect:not(.tl-off)").count(), shown);

  // Links still lead where they did although the address is now deeper; the skip link
  // stays within the page.
  assert.equal(await page.locator(".skip-link").getAttribute("href"), "#main");
  const first = page.locator("#tl-list li:not([hidden]) a").first();
  const title = await first.innerText();
  await first.click();
  await page.waitForLoadState("load");
  assert.equal(await page.locator("h1").first().innerText().then((t) => t.startsWith(title.trim())), true);

  // Back returns to the filtered timeline, Back again to the whole one (the browser may
  // have kept this page or loaded the filter's own page; either way the list must follow).
  await page.goBack();
  await page.waitForURL(/\/timeline\/country\/laos\/$/);
  assert.equal(await visibleItems(page), shown);
  await page.goBack();
  await page.waitForURL(/\/timeline\/$/);
  await page.locator("#tl-list[data-complete]").waitFor();
  await page.waitForLoadState("load");
  assert.equal(await visibleItems(page), total);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test("clearing the filter restores every item and moves focus to the list", async () => {
  const page = await open("timeline/");
  const total = await page.locator("#tl-list li").count();
  await page.locator('#tl-filters a[data-facet="kind"][data-value="forum"]').click();
  assert.ok((await visibleItems(page)) < total);
  await page.locator("#tl-clear").click();
  assert.equal(await visibleItems(page), total);
  assert.match(new URL(page.url()).pathname, /\/timeline\/$/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "tl-list-heading");
  assert.ok(await page.locator("#tl-clear").isHidden());
  await page.reload();
  assert.equal(await visibleItems(page), total);
  await page.closeAll();
});

test("without JavaScript a timeline filter is a link to its own pre-rendered page", async () => {
  const page = await open("timeline/", { javaScript: false });
  const total = await page.locator("#tl-list li").count();
  const infrastructure = page.locator('#tl-filters a[data-facet="platform"][data-value="infrastructure"]');
  const expected = Number(await infrastructure.locator(".count").innerText());
  await infrastructure.click();
  await page.waitForURL(/\/timeline\/platform\/infrastructure\/$/);
  const shown = await page.locator("#tl-list li").count();
  assert.equal(shown, expected);
  assert.ok(shown < total);
  assert.equal(await visibleItems(page), shown);
  assert.match(await page.locator("#tl-count").innerText(), /\(Platform: Infrastructure\)\.$/);
  assert.equal(
    await page.locator('#tl-filters a[data-value="infrastructure"]').getAttribute("aria-current"),
    "page",
  );
  await page.locator("#tl-clear").click();
  await page.waitForURL(/\/timeline\/$/);
  assert.equal(await page.locator("#tl-list li").count(), total);
  await page.closeAll();
});
