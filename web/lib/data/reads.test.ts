import { zeroAddress } from "viem";
import { describe, expect, it } from "vitest";

import { FIRST_LENS_WINDOW, laterLensWindows, LENS_WINDOW, listedClaimsRead } from "./reads";

describe("the market lens's windows", () => {
  it("asks for every claim from id 1, a window of LENS_WINDOW ids at a time, with no filter, naming the bidders", () => {
    const lens = "0x00000000000000000000000000000000000000aa";
    const factors = ["0x00000000000000000000000000000000000000f1"] as const;
    expect(listedClaimsRead(31337, lens, FIRST_LENS_WINDOW, factors).args).toEqual([
      zeroAddress,
      zeroAddress,
      1n,
      LENS_WINDOW,
      factors,
    ]);
  });

  it("reads no window after the first while the first covers every claim", () => {
    expect(laterLensWindows(0n)).toEqual([]);
    expect(laterLensWindows(LENS_WINDOW)).toEqual([]);
  });

  it("reads the windows after the first up to the last claim, each once", () => {
    expect(laterLensWindows(LENS_WINDOW + 1n)).toEqual([LENS_WINDOW + 1n]);
    const windows = [FIRST_LENS_WINDOW, ...laterLensWindows(1_018n)];
    expect(windows).toEqual(Array.from({ length: windows.length }, (_, i) => 1n + BigInt(i) * LENS_WINDOW));
    expect(windows.at(-1)! + LENS_WINDOW).toBeGreaterThan(1_018n);
    expect(windows.at(-1)!).toBeLessThanOrEqual(1_018n);
  });
});
