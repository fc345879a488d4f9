import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Prisma's own schema parser, read from the WebAssembly build the `prisma` CLI ships
 * (node_modules/prisma/build/prisma_schema_build_bg.wasm, the module behind `prisma
 * format` and `prisma validate`). The CLI bundles its wasm-bindgen glue inside cli.js
 * without exporting it, so this file is a minimal copy of that glue: the module needs
 * only four imports, and every export used here takes one UTF-8 string and returns one.
 */

/** DMMF datamodel, as `get_datamodel` returns it (the subset read by the drift test). */
export interface DmmfDatamodel {
  enums: DmmfEnum[];
  models: DmmfModel[];
  indexes: DmmfIndex[];
}

export interface DmmfEnum {
  name: string;
  dbName: string | null;
  values: { name: string; dbName: string | null }[];
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  schema: string | null;
  fields: DmmfField[];
}

export type DmmfDefault =
  | string
  | number
  | boolean
  | readonly (string | number | boolean)[]
  | { name: string; args: readonly (string | number)[] };

export interface DmmfField {
  name: string;
  /** Present only when the field has @map. */
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  type: string;
  /** ["Timestamptz", ["3"]] for @db.Timestamptz(3); null without @db. */
  nativeType: [string, string[]] | null;
  default?: DmmfDefault;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  isDefinedOnField: boolean;
  /** Present only when the index has map:. */
  dbName?: string | null;
  /** Hash, Gin, Gist, SpGist or Brin; absent for the default BTree. */
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
}

interface SchemaWasmExports {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __externref_table_dealloc(index: number): void;
  __wbindgen_start(): void;
  /** Returns [resultPtr, resultLen, errorRef, isError]. */
  get_datamodel(ptr: number, len: number): [number, number, number, number];
}

let instance: SchemaWasmExports | undefined;
/** The message of the last Rust panic, which surfaces as a bare "unreachable" RuntimeError. */
let lastPanic: string | undefined;

function load(): SchemaWasmExports {
  if (instance) return instance;
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "prisma_schema_build_bg.wasm");
  const wasmModule = new WebAssembly.Module(readFileSync(wasmPath));

  const decoder = new TextDecoder("utf-8", { fatal: true });
  // Filled in once instantiated; the glue below is called back from inside the instance.
  const bound: { wasmExports?: SchemaWasmExports } = {};
  const memory = (): WebAssembly.Memory => {
    if (!bound.wasmExports) throw new Error("prisma schema wasm used before it was instantiated");
    return bound.wasmExports.memory;
  };
  const readString = (ptr: number, len: number): string =>
    decoder.decode(new Uint8Array(memory().buffer, ptr >>> 0, len >>> 0));

  // wasm-bindgen suffixes import names with a hash that changes between Prisma releases,
  // so imports are matched by their stable prefix.
  const glue: [prefix: string, implementation: (...args: number[]) => unknown][] = [
    ["__wbg_set_message_", (ptr = 0, len = 0) => void (lastPanic = readString(ptr, len))],
    ["__wbg_Error_", (ptr = 0, len = 0) => new Error(readString(ptr, len))],
    [
      "__wbg___wbindgen_throw_",
      (ptr = 0, len = 0) => {
        throw new Error(readString(ptr, len));
      },
    ],
    [
      "__wbindgen_init_externref_table",
      () => {
        if (!bound.wasmExports) throw new Error("prisma schema wasm used before it was instantiated");
        const table = bound.wasmExports.__wbindgen_externrefs;
        const offset = table.grow(4);
        table.set(0, undefined);
        table.set(offset + 0, undefined);
        table.set(offset + 1, null);
        table.set(offset + 2, true);
        table.set(offset + 3, false);
      },
    ],
  ];
  const imports: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  for (const { module: moduleName, name } of WebAssembly.Module.imports(wasmModule)) {
    const implementation = glue.find(([prefix]) => name.startsWith(prefix))?.[1];
    if (!implementation) {
      throw new Error(`${wasmPath} imports ${moduleName}.${name}, unknown to tests/support/prisma-schema-wasm.ts`);
    }
    (imports[moduleName] ??= {})[name] = implementation;
  }
  const wasm = new WebAssembly.Instance(wasmModule, imports).exports as unknown as SchemaWasmExports;
  bound.wasmExports = wasm;
  wasm.__wbindgen_start();
  instance = wasm;
  return wasm;
}

/** Calls a string -> string export, throwing the schema errors Prisma reports (P1012...). */
function callStringExport(name: "get_datamodel", input: string): string {
  const wasm = load();
  const bytes = new TextEncoder().encode(input);
  const ptr = wasm.__wbindgen_malloc(bytes.length, 1) >>> 0;
  new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
  let result: [number, number, number, number];
  try {
    result = wasm[name](ptr, bytes.length);
  } catch (error) {
    throw new Error(`prisma schema wasm ${name} failed${lastPanic ? `: ${lastPanic}` : ""}`, { cause: error });
  }
  const [outPtr, outLen, errorRef, isError] = result;
  if (isError) {
    const error: unknown = wasm.__wbindgen_externrefs.get(errorRef);
    wasm.__externref_table_dealloc(errorRef);
    throw error instanceof Error ? error : new Error(String(error));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(wasm.memory.buffer, outPtr >>> 0, outLen >>> 0));
  } finally {
    wasm.__wbindgen_free(outPtr, outLen, 1);
  }
}

/** Parses and validates schema.prisma text with Prisma's parser and returns its DMMF datamodel. */
export function getDatamodel(schema: string): DmmfDatamodel {
  const json = callStringExport("get_datamodel", JSON.stringify({ prismaSchema: schema, noColor: true }));
  const parsed: unknown = JSON.parse(json);
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    !("models" in parsed && Array.isArray(parsed.models)) ||
    !("enums" in parsed && Array.isArray(parsed.enums)) ||
    !("indexes" in parsed && Array.isArray(parsed.indexes))
  ) {
    throw new Error(`Unexpected get_datamodel output: ${json.slice(0, 200)}`);
  }
  return parsed as DmmfDatamodel;
}
