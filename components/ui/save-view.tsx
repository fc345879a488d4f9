"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { readApiResponse, savedViewResponse } from "@/lib/api-schemas";
import { withoutSavedViewParam } from "@/lib/url-state";

const button =
  "rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900";

/**
 * "Save view": stores the current address (path and query string, i.e. the whole
 * view state) with a title and note, and hands back a short link /v/<slug>.
 */
export function SaveView() {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [status, setStatus] = useState<"idle" | "saving" | "saved">("idle");
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const open = () => {
    setStatus("idle");
    setError(null);
    setLink(null);
    setCopied(false);
    dialog.current?.showModal();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setStatus("saving");
    setError(null);
    try {
      const response = await fetch("/api/views", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          path: withoutSavedViewParam(window.location.pathname, window.location.search),
          title: String(form.get("title") ?? ""),
          note: String(form.get("note") ?? ""),
        }),
      });
      const body = await readApiResponse(response, savedViewResponse, "The view could not be saved");
      setLink(new URL(body.url, window.location.origin).toString());
      setStatus("saved");
      router.refresh(); // the home page lists saved views
    } catch (e) {
      setError(e instanceof Error ? e.message : "The view could not be saved.");
      setStatus("idle");
    }
  };

  return (
    <>
      <button type="button" className={button} onClick={open} aria-haspopup="dialog">
        Save view
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-300 bg-white p-4 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">Save this view</h2>
        {status === "saved" && link ? (
          <div className="mt-3 space-y-3">
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Saved. Anyone with this short link opens the same view:</p>
            <div className="flex gap-2">
              <label htmlFor={`${id}-link`} className="sr-only">Short link</label>
              <input
                id={`${id}-link`}
                readOnly
                value={link}
                onFocus={(e) => e.currentTarget.select()}
                className="min-w-0 flex-1 rounded border border-zinc-300 bg-zinc-50 px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
              />
              <button
                type="button"
                className={button}
                onClick={async () => {
                  await navigator.clipboard?.writeText(link).catch(() => undefined);
                  setCopied(true);
                }}
              >
                <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
              </button>
            </div>
            <div className="flex justify-end">
              <button type="button" className={button} onClick={() => dialog.current?.close()}>
                Close
              </button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} className="mt-3 space-y-3">
            <div>
              <label htmlFor={`${id}-t`} className="block text-sm font-medium">Title</label>
              <input
                id={`${id}-t`}
                name="title"
                required
                maxLength={120}
                autoFocus
                className="mt-1 w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
              />
            </div>
            <div>
              <label htmlFor={`${id}-n`} className="block text-sm font-medium">
                Note <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
              </label>
              <textarea
                id={`${id}-n`}
                name="note"
                rows={3}
                maxLength={2000}
                className="mt-1 w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
              />
            </div>
            {error ? (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>
            ) : null}
            <div className="flex justify-end gap-2">
              <button type="button" className={button} onClick={() => dialog.current?.close()}>
                Cancel
              </button>
              <button
                type="submit"
                disabled={status === "saving"}
                className="rounded bg-zinc-900 px-3 py-1 text-xs font-medium text-white hover:bg-zinc-700 disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
              >
                {status === "saving" ? "Saving…" : "Save"}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
