import { describe, expect, it, vi } from "vitest";

import { oncePerBlock } from "./server-reads";

describe("oncePerBlock", () => {
  it("reads once per block and kind, again when a new block is mined", async () => {
    const read = vi.fn(async () => Math.random());
    const first = await oncePerBlock("figures", { hash: "0x01" }, read);
    expect(await oncePerBlock("figures", { hash: "0x01" }, read)).toBe(first);
    expect(read).toHaveBeenCalledTimes(1);
    await oncePerBlock("market", { hash: "0x01" }, read); // another kind of read at the same block
    expect(read).toHaveBeenCalledTimes(2);
    await oncePerBlock("figures", { hash: "0x02" }, read);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it("forgets a read that failed, so the next visitor reads again", async () => {
    const failing = vi.fn(async () => Promise.reject(new Error("node down")));
    await expect(oncePerBlock("failing", { hash: "0x03" }, failing)).rejects.toThrow("node down");
    const working = vi.fn(async () => 7);
    expect(await oncePerBlock("failing", { hash: "0x03" }, working)).toBe(7);
    expect(working).toHaveBeenCalledTimes(1);
  });
});
