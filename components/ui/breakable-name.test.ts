import { describe, expect, it } from "vitest";
import { namePieces } from "./breakable-name";

describe("namePieces", () => {
  it("breaks only after underscores and keeps every character", () => {
    expect(namePieces("general_knowledge")).toEqual(["general_", "knowledge"]);
    expect(namePieces("math_and_trivia")).toEqual(["math_", "and_", "trivia"]);
    expect(namePieces("stackexchange")).toEqual(["stackexchange"]);
    expect(namePieces("a__b_").join("")).toBe("a__b_");
  });
});
