import { describe, expect, it } from "vitest";
import { parseViewParams, transferViewParams, withoutSavedViewParam, withSavedViewParam } from "./url-state";

describe("the saved-view parameter", () => {
  it("is appended to a stored path, leaving its query string and fragment as they were", () => {
    expect(withSavedViewParam("/", "abcd1234")).toBe("/?saved=abcd1234");
    expect(withSavedViewParam("/compare?a=demo-7b%2Fgroup%2Fset%3Afactual&b=x", "abcd1234")).toBe("/compare?a=demo-7b%2Fgroup%2Fset%3Afactual&b=x&saved=abcd1234");
    expect(withSavedViewParam("/datasets/d/queries?set=factual#top", "abcd1234")).toBe("/datasets/d/queries?set=factual&saved=abcd1234#top");
  });

  it("is removed before a view is saved, and nothing else is touched when absent", () => {
    expect(withoutSavedViewParam("/compare", "?a=x&saved=abcd1234")).toBe("/compare?a=x");
    expect(withoutSavedViewParam("/", "?saved=abcd1234")).toBe("/");
    expect(withoutSavedViewParam("/compare", "?a=demo-7b%2Fgroup")).toBe("/compare?a=demo-7b%2Fgroup");
    expect(withoutSavedViewParam("/compare", "")).toBe("/compare");
  });
});

describe("the transfer view's scatter extent", () => {
  it("reads full or robust, and falls back to robust with a notice for anything else", () => {
    expect(parseViewParams(transferViewParams, { extent: "full" })).toMatchObject({ values: { extent: "full" }, notices: [] });
    expect(parseViewParams(transferViewParams, {})).toMatchObject({ values: { extent: "robust" }, notices: [] });
    const bad = parseViewParams(transferViewParams, { extent: "wide" });
    expect(bad.values.extent).toBe("robust");
    expect(bad.notices).toEqual([expect.stringMatching(/^Ignored extent="wide": .*; showing the default\.$/)]);
  });
});
