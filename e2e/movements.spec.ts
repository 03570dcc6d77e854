import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const PLANT_MANAGER = "plant@volta.example";
const PLANT = 1; // the demo plant manager's plant

async function openPlant(page: Page) {
  await signIn(page, PLANT_MANAGER);
  await expect(page.getByTestId("current-user")).toContainText(PLANT_MANAGER);
  await page.goto(`/inventory/${PLANT}`);
  await expect(page.getByTestId("movement-card")).toBeVisible();
}

/** A part number offered by the form (the catalogue's first). */
async function somePart(page: Page, index = 0): Promise<string> {
  const value = await page.locator("#movement-parts option").nth(index).getAttribute("value");
  expect(value).toBeTruthy();
  return value!;
}

test.describe("stock movements", () => {
  test("a plant manager receives stock and sees the new quantity; consuming beyond stock is refused inline", async ({ page }) => {
    await openPlant(page);
    const part = await somePart(page, 3);

    await page.getByRole("tab", { name: "Receive" }).click();
    const receive = page.getByTestId("movement-form-receive");
    await receive.getByLabel("Part number").fill(part);
    await receive.getByLabel("Quantity").fill("10");
    await receive.getByRole("button", { name: "Receive stock" }).click();
    const success = receive.getByTestId("movement-success");
    await expect(success).toContainText(`Received 10 × ${part}`);
    const onHand = Number(/now (\d+) on hand at plant 1/.exec((await success.textContent()) ?? "")?.[1]);
    expect(onHand).toBeGreaterThanOrEqual(10);

    // Receiving 10 more moves the quantity by exactly 10.
    await receive.getByLabel("Part number").fill(part);
    await receive.getByLabel("Quantity").fill("10");
    await receive.getByRole("button", { name: "Receive stock" }).click();
    await expect(success).toContainText(`now ${onHand + 10} on hand at plant 1`);

    await page.getByRole("tab", { name: "Consume" }).click();
    const consume = page.getByTestId("movement-form-consume");
    await consume.getByLabel("Part number").fill(part);
    await consume.getByLabel("Quantity").fill(String(onHand + 11));
    await consume.getByRole("button", { name: "Consume stock" }).click();
    await expect(consume.getByTestId("movement-error")).toContainText("Not enough stock");
    await expect(consume.getByTestId("consume-quantity-error")).toContainText(`${onHand + 10} of ${part} on hand`);

    // Nothing was taken: consuming exactly what is there works and leaves 0.
    await consume.getByLabel("Part number").fill(part);
    await consume.getByLabel("Quantity").fill(String(onHand + 10));
    await consume.getByRole("button", { name: "Consume stock" }).click();
    await expect(consume.getByTestId("movement-success")).toContainText("now 0 on hand at plant 1");

    // Bad input stays on the form with a field error.
    await consume.getByLabel("Part number").fill("NO-SUCH-PART");
    await consume.getByLabel("Quantity").fill("-3");
    await consume.getByRole("button", { name: "Consume stock" }).click();
    await expect(consume.getByTestId("consume-quantity-error")).toBeVisible();
  });

  test("the API answers a repeated Idempotency-Key with the same body, once applied", async ({ page, baseURL }) => {
    await openPlant(page);
    const headers = { origin: baseURL!, "content-type": "application/json" };
    const key = `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const ledger = await page.request.get(`/api/inventory/movements?plantId=${PLANT}&limit=1`);
    expect(ledger.status()).toBe(200);

    const partId = Number(await page.locator("#movement-parts option").nth(5).getAttribute("data-part-id"));
    expect(partId).toBeGreaterThan(0);
    const body = { kind: "receive", plantId: PLANT, partId, quantity: 3 };
    const first = await page.request.post("/api/inventory/movements", { headers: { ...headers, "idempotency-key": key }, data: body });
    expect(first.status()).toBe(201);
    const firstBody = await first.json();
    expect(firstBody.quantities[0]).toMatchObject({ plantId: PLANT, partId });

    const second = await page.request.post("/api/inventory/movements", { headers: { ...headers, "idempotency-key": key }, data: body });
    expect(second.status()).toBe(201);
    expect(second.headers()["idempotent-replayed"]).toBe("true");
    expect(await second.json()).toEqual(firstBody);

    // Applied once: the ledger holds one row for that movement.
    const rows = (await (await page.request.get(`/api/inventory/movements?plantId=${PLANT}&partId=${partId}&limit=5`)).json()).movements as Array<{ id: string }>;
    expect(rows.filter((r) => r.id === firstBody.movements[0].id)).toHaveLength(1);
    expect(rows.filter((r) => BigInt(r.id) > BigInt(firstBody.movements[0].id))).toHaveLength(0);

    // The same key with another body is refused; a missing key, bad input, another plant and a foreign origin too.
    expect((await page.request.post("/api/inventory/movements", { headers: { ...headers, "idempotency-key": key }, data: { ...body, quantity: 4 } })).status()).toBe(422);
    expect((await page.request.post("/api/inventory/movements", { headers, data: body })).status()).toBe(400);
    const bad = await page.request.post("/api/inventory/movements", {
      headers: { ...headers, "idempotency-key": `${key}-bad` },
      data: { kind: "consume", plantId: PLANT, partId: "1; DROP TABLE inventory", quantity: -1 },
    });
    expect(bad.status()).toBe(400);
    expect(Object.keys((await bad.json()).fieldErrors).sort()).toEqual(["partId", "quantity"]);
    expect(
      (await page.request.post("/api/inventory/movements", { headers: { ...headers, "idempotency-key": `${key}-other` }, data: { ...body, plantId: 2 } })).status(),
    ).toBe(403);
    expect(
      (await page.request.post("/api/inventory/movements", { headers: { ...headers, origin: "https://evil.example", "idempotency-key": `${key}-x` }, data: body })).status(),
    ).toBe(403);
    // Stock never goes negative: a consume of more than is there is a 409.
    const tooMuch = await page.request.post("/api/inventory/movements", {
      headers: { ...headers, "idempotency-key": `${key}-409` },
      data: { kind: "consume", plantId: PLANT, partId, quantity: 1_000_000 },
    });
    expect(tooMuch.status()).toBe(409);
    expect((await tooMuch.json()).error).toContain("Not enough stock");
  });
  test("the API applies a batch of movements all or nothing, under one Idempotency-Key", async ({ page, baseURL }) => {
    await openPlant(page);
    const headers = { origin: baseURL!, "content-type": "application/json" };
    const key = `e2e-batch-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const partId = Number(await page.locator("#movement-parts option").nth(7).getAttribute("data-part-id"));
    expect(partId).toBeGreaterThan(0);
    const post = (k: string, data: unknown) => page.request.post("/api/inventory/movements", { headers: { ...headers, "idempotency-key": k }, data });
    const ledgerRows = async () => {
      const rows = (await (await page.request.get(`/api/inventory/movements?plantId=${PLANT}&partId=${partId}&limit=500`)).json()).movements as Array<{ id: string }>;
      return rows.length;
    };
    const ledgerBefore = await ledgerRows();

    const batch = { movements: [
      { kind: "receive", plantId: PLANT, partId, quantity: 6 },
      { kind: "consume", plantId: PLANT, partId, quantity: 2 },
    ] };
    const first = await post(key, batch);
    expect(first.status()).toBe(201);
    const firstBody = await first.json();
    expect(firstBody.results).toHaveLength(2);
    expect(firstBody.results[1].quantities[0].quantity).toBe(firstBody.results[0].quantities[0].quantity - 2);
    const again = await post(key, batch);
    expect(again.status()).toBe(201);
    expect(again.headers()["idempotent-replayed"]).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    expect(await ledgerRows()).toBe(ledgerBefore + 2); // applied once

    // One movement at another plant: the whole batch is refused, nothing applied.
    const foreign = await post(`${key}-403`, { movements: [batch.movements[0], { kind: "receive", plantId: 2, partId, quantity: 1 }] });
    expect(foreign.status()).toBe(403);
    expect((await foreign.json()).index).toBe(1);
    // One movement short of stock: the batch rolls back, the answer names it.
    const short = await post(`${key}-409`, { movements: [batch.movements[0], { kind: "consume", plantId: PLANT, partId, quantity: 1_000_000 }] });
    expect(short.status()).toBe(409);
    expect(await short.json()).toMatchObject({ code: "insufficient_stock", index: 1 });
    // Bad items are named by path; an empty batch is refused.
    const bad = await post(`${key}-400`, { movements: [batch.movements[0], { kind: "consume", plantId: PLANT, partId, quantity: -1 }] });
    expect(bad.status()).toBe(400);
    expect(Object.keys((await bad.json()).fieldErrors)).toEqual(["movements.1.quantity"]);
    expect((await post(`${key}-empty`, { movements: [] })).status()).toBe(400);
    expect(await ledgerRows()).toBe(ledgerBefore + 2);
  });
});
