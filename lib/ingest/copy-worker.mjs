// The worker thread of lib/ingest/copy-rows.ts backgroundCopier: runs each COPY it is sent
// on a connection of its own, so that PostgreSQL stores one query's columns while the
// ingest's thread analyses the next. JavaScript, not TypeScript: a worker thread does not
// get the tsx loader the ingest runs under.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const client = new pg.Client({ connectionString: workerData.connectionString });
// As the ingest's own staging connection: its rows are durable once the dataset is attached.
const connected = client.connect().then(() => client.query("SET synchronous_commit = off"));
connected.catch(() => undefined); // reported in reply to the first copy

// One COPY at a time: the sender awaits each reply before sending the next.
parentPort.on("message", async ({ statement, bytes }) => {
  try {
    await connected;
    await pipeline(Readable.from([new Uint8Array(bytes)], { objectMode: false }), client.query(copyFrom(statement)));
    // Handed back for the next copy (a query's rows are the same size every time).
    parentPort.postMessage({ ok: true, bytes }, [bytes]);
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
