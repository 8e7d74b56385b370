// The map page leads to country pages, and country pages show their map with a text
// alternative, without JavaScript.
import assert from "node:assert/strict";
import { test } from "node:test";
import { open } from "./harness.mjs";

// A point inside a shape on screen: the centre of its box may lie in a neighbour (Laos,
// Vietnam), so sample the box and ask the browser what is on top there.
async function pointInside(page, selector) {
  return page.evaluate((selector) => {
    const link = document.querySelector(selector);
    const box = link.getBoundingClientRect();
    for (let fy = 0.5; fy < 1; fy += 0.05) {
      for (const f of [0.5, 0.4, 0.6, 0.3, 0.7]) {
        for (const y of [box.top + box.height * fy, box.top + box.height * (1 - fy)]) {
          const x = box.left + box.width * f;
          const hit = document.elementFromPoint(x, y);
          if (hit && link.contains(hit)) return { x, y };
        }
      }
    }
    return null;
  }, selector);
}

test("clicking a country on the map opens its page", async () => {
  const page = await open("map/", { javaScript: true });
  await page.setViewportSize({ width: 1280, height: 1000 });
  const selector = '#map-countries a[href$="countries/cambodia/"]';
  await page.locator(selector).scrollIntoViewIfNeeded();
  const point = await pointInside(page, selector);
  assert.ok(point, "no visible point of Cambodia on the map");
  await Promise.all([page.waitForURL(/countries\/cambodia\/$/), page.mouse.click(point.x, point.y)]);
  assert.equal(await page.locator("h1").innerText(), "Cambodia");
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test("every shaded country is a link with a name, and the counts are a table", async () => {
  const page = await open("map/", { javaScript: false });
  const links = page.locator("#map-countries a");
  const count = await links.count();
  assert.ok(count >= 11, `only ${count} country links on the map`);
  const names = await links.evaluateAll((as) => as.map((a) => a.querySelector("title")?.textContent ?? ""));
  assert.ok(names.every((n) => /: \d+ linked record/.test(n)), names.join(" | "));
  const rows = await page.locator("table.map-counts tbody tr").count();
  assert.ok(rows >= 11, `only ${rows} rows in the counts table`);
  await page.closeAll();
});

test("a country page shows its map with a text alternative, without JavaScript", async () => {
  const page = await open("countries/laos/", { javaScript: false });
  const map = page.locator("figure svg.map");
  assert.ok(await map.isVisible(), "no map on the country page");
  assert.equal(await map.getAttribute("role"), "img");
  const name = await map.evaluate((svg) =>
    svg.getAttribute("aria-labelledby").split(" ").map((id) => document.getElementById(id).textContent).join(" "));
  assert.match(name, /Laos highlighted/);
  // The highlighted outline really is drawn: the shared base map loaded and has a size.
  const box = await page.locator("use.is-current").boundingBox();
  assert.ok(box && box.width > 20 && box.height > 20, `Laos outline not drawn: ${JSON.stringify(box)}`);
  await page.closeAll();
});
