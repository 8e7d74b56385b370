// Pages every reader meets: they load cleanly, with and without JavaScript.
import assert from "node:assert/strict";
import { test } from "node:test";
import { open } from "./harness.mjs";

test("the home page loads without errors and links to every section", async () => {
  const page = await open("");
  assert.match(await page.title(), /China-ASEAN Information Harbor/);
  const sections = await page.locator("footer nav a").count();
  assert.ok(sections >= 15, `only ${sections} section links`);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test("a record page shows its facts, sources and back-references without JavaScript", async () => {
  const page = await open("countries/laos/", { javaScript: false });
  assert.equal(await page.locator("h1").innerText(), "Laos");
  assert.ok(await page.locator("#sources").isVisible());
  assert.ok((await page.locator("#linked ~ section h3").count()) >= 2);
  await page.closeAll();
});

test("the keyboard reaches the skip link first, and it moves focus to the content", async () => {
  const page = await open("projects/");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement.textContent.trim());
  assert.equal(focused, "Skip to content");
  await page.keyboard.press("Enter");
  assert.equal(new URL(page.url()).hash, "#main");
  await page.closeAll();
});

test("unknown addresses get the 404 page with working links", async () => {
  const page = await open("no/such/page/");
  assert.equal(await page.locator("h1").innerText(), "Page not found");
  await page.locator("main a", { hasText: "Go to the home page" }).click();
  assert.match(await page.title(), /China-ASEAN Information Harbor/);
  await page.closeAll();
});
