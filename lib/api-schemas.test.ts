import { describe, expect, it } from "vitest";
import { rankingPageResponse, readApiResponse, savedViewResponse } from "./api-schemas";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const page = { total: 2, order: "top", offset: 0, limit: 1, items: [{ rank: 1, documentId: "d1", score: 0.5, source: "wiki", text: null, tokens: null, globalRank: null, labels: null }] };

describe("readApiResponse", () => {
  it("returns a body of the expected shape", async () => {
    await expect(readApiResponse(json(page), rankingPageResponse, "Ranks 1–100 could not be loaded")).resolves.toEqual(page);
  });

  it("passes on the server's message for an error status", async () => {
    const response = json({ error: 'Invalid field "title": title is required', parameter: "title" }, 400);
    await expect(readApiResponse(response, savedViewResponse, "The view could not be saved")).rejects.toThrow(
      'The view could not be saved: Invalid field "title": title is required',
    );
  });

  it("names the status when an error has no JSON body", async () => {
    const response = new Response("<html>Bad gateway</html>", { status: 502 });
    await expect(readApiResponse(response, rankingPageResponse, "Ranks 1–100 could not be loaded")).rejects.toThrow("Ranks 1–100 could not be loaded (HTTP 502).");
  });

  it("names the field when a successful answer has the wrong shape", async () => {
    const response = json({ ...page, items: [{ ...page.items[0], score: "high" }] });
    await expect(readApiResponse(response, rankingPageResponse, "Ranks 1–100 could not be loaded")).rejects.toThrow(
      /^Ranks 1–100 could not be loaded: the server's answer has an unexpected items\.0\.score \(/,
    );
  });
});
