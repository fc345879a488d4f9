import { describe, expect, it } from "vitest";
import { decodeScores, DOCUMENT_RECORD } from "./packed";

describe("decodeScores", () => {
  it("reads the float32 score leading each by-document record and skips the ranks", () => {
    const bytes = new Uint8Array(2 * DOCUMENT_RECORD + 5); // a trailing partial record is ignored
    const view = new DataView(bytes.buffer);
    view.setFloat32(0, 1.5, true);
    view.setUint32(4, 7, true);
    view.setUint32(8, 9, true);
    view.setFloat32(DOCUMENT_RECORD, -0.25, true);
    view.setUint32(DOCUMENT_RECORD + 4, 1, true);
    expect(Array.from(decodeScores(bytes))).toEqual([1.5, -0.25]);
    // A view into a larger buffer decodes from its own offset.
    const outer = new Uint8Array(3 + bytes.byteLength);
    outer.set(bytes, 3);
    expect(Array.from(decodeScores(outer.subarray(3)))).toEqual([1.5, -0.25]);
  });
});
