import { describe, expect, it } from "vitest";
import { decodeRanking, decodeRankingColumns, decodeScores, DOCUMENT_RECORD, RANKING_RECORD } from "./packed";

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

describe("decodeRankingColumns", () => {
  it("reads each ranking record's document index and score, at any byte offset", () => {
    const bytes = new Uint8Array(3 + 2 * RANKING_RECORD); // offset 3: not aligned for a Uint32Array view
    const view = new DataView(bytes.buffer, 3);
    view.setUint32(0, 41, true);
    view.setFloat32(4, 2.5, true);
    view.setUint32(RANKING_RECORD, 7, true);
    view.setFloat32(RANKING_RECORD + 4, -1.25, true);
    const { documents, scores } = decodeRankingColumns(bytes.subarray(3));
    expect(Array.from(documents)).toEqual([41, 7]);
    expect(Array.from(scores)).toEqual([2.5, -1.25]);
    expect(decodeRankingColumns(bytes.subarray(3)).documents).toEqual(Uint32Array.from(decodeRanking(bytes.subarray(3)), (e) => e.documentIdx));
  });
});
