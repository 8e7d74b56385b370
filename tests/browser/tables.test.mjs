// The tables page and the kind index tables: headings sort, the filter box narrows the
// rows, and without JavaScript every row is there.
import assert from "node:assert/strict";
import { test } from "node:test";
import { open } from "./harness.mjs";

/** The texts of one column of the visible rows of `table`. */
async function column(table, index) {
  return table.locator("tbody tr:visible").evaluateAll(
    (rows, i) => rows.map((row) => row.cells[i].textContent.trim()),
    index,
  );
}

test("a heading sorts its column both ways and says so with aria-sort", async () => {
  const page = await open("tables/");
  const table = page.locator("#table-5 table");
  const before = await column(table, 0);
  assert.equal(before.length, 15);
  const heading = table.locator("thead th").first();
  await heading.getByRole("button", { name: "Project" }).click();
  assert.equal(await heading.getAttribute("aria-sort"), "ascending");
  const ascending = await column(table, 0);
  const expected = [...before].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
  assert.deepEqual(ascending, expected);
  assert.notDeepEqual(ascending, before, "the order changed");
  await heading.getByRole("button", { name: "Project" }).click();
  assert.equal(await heading.getAttribute("aria-sort"), "descending");
  assert.deepEqual(await column(table, 0), [...expected].reverse());
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test("numbers sort as numbers, and only one heading is marked sorted", async () => {
  const page = await open("tables/");
  const table = page.locator("#table-4 table");
  await table.getByRole("button", { name: "Shareholder" }).click();
  await table.getByRole("button", { name: "Percentage" }).click();
  const shares = (await column(table, 1)).map(Number);
  assert.deepEqual(shares, [...shares].sort((a, b) => a - b));
  assert.equal(shares.at(-1), 45);
  assert.equal(await table.locator("th[aria-sort]").count(), 1);
  // Ties keep the order they had: the three 5% holders stay alphabetical.
  const holders = (await column(table, 0)).slice(0, 3);
  assert.deepEqual(holders, [...holders].sort((a, b) => a.localeCompare(b)));
  await page.closeAll();
});

test("dates sort in calendar order on a kind's index table", async () => {
  const page = await open("events/");
  const table = page.locator("table[data-sortable]");
  await table.getByRole("button", { name: "Date", exact: true }).click();
  await table.getByRole("button", { name: "Date", exact: true }).click();
  const dates = await table
    .locator("tbody tr td:nth-child(2) time")
    .evaluateAll((times) => times.map((t) => t.getAttribute("datetime")));
  assert.ok(dates.length > 20);
  assert.deepEqual(dates, [...dates].sort().reverse(), "newest first");
  await page.closeAll();
});

test("the filter box hides rows that do not match and announces the count", async () => {
  const page = await open("tables/");
  const table = page.locator("#table-5 table");
  const filter = page.getByLabel(/^Filter rows of Table 5/);
  await filter.fill("infrastructure");
  const rows = await column(table, 2);
  assert.ok(rows.length > 0 && rows.length < 15, `${rows.length} rows`);
  assert.ok(rows.every((platform) => platform === "Infrastructure"));
  const status = page.locator("#table-5 [role=status]");
  assert.equal(await status.innerText(), `${rows.length} of 15 rows shown`);
  await filter.fill("");
  assert.equal((await column(table, 0)).length, 15);
  await page.closeAll();
});

test("without JavaScript every table is complete and has no controls", async () => {
  const page = await open("tables/", { javaScript: false });
  assert.equal(await page.locator("#table-5 tbody tr:visible").count(), 15);
  assert.equal(await page.locator("#appendix-1 tbody tr:visible").count(), 62);
  assert.equal(await page.locator("#table-6 tbody tr:visible").count(), 4);
  assert.equal(await page.locator(".sort-button, .table-tools").count(), 0);
  const csv = page.locator("#table-5").getByRole("link", { name: /Download Table 5 as CSV/ });
  assert.equal(await csv.getAttribute("href"), "../tables/table-5.csv");
  await page.closeAll();
});
