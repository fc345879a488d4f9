/**
 * Score files built by hand from the format specifications (safetensors, .npy), so the
 * readers are tested against bytes they did not produce. Plain functions: usable from
 * vitest and Playwright alike.
 */

export type Dtype = "F16" | "BF16" | "F32" | "F64";

const ITEM: Record<Dtype, number> = { F16: 2, BF16: 2, F32: 4, F64: 8 };

/**
 * The bytes of `values` in `dtype`, little-endian unless told otherwise. F16 and BF16 throw
 * for a value they cannot hold exactly, so a fixture never rounds behind the test's back.
 */
export function encode(values: readonly number[], dtype: Dtype, littleEndian = true): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * ITEM[dtype]));
  values.forEach((v, i) => {
    const at = i * ITEM[dtype];
    if (dtype === "F32") view.setFloat32(at, v, littleEndian);
    else if (dtype === "F64") view.setFloat64(at, v, littleEndian);
    else if (dtype === "BF16") view.setUint16(at, bf16Bits(v), littleEndian);
    else view.setUint16(at, f16Bits(v), littleEndian);
  });
  return new Uint8Array(view.buffer);
}

/** Little-endian uint16 words, for half-precision bit patterns written directly (NaN, ±Infinity). */
export function rawUint16(bits: readonly number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(bits.length * 2));
  bits.forEach((b, i) => view.setUint16(i * 2, b, true));
  return new Uint8Array(view.buffer);
}

/** bfloat16 bits of a value exact in bfloat16: the high half of its float32 bits. */
export function bf16Bits(v: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, v);
  if (view.getUint16(2) !== 0 || (view.getFloat32(0) !== v && !Number.isNaN(v))) throw new Error(`${v} is not a bfloat16`);
  return view.getUint16(0);
}

/** float16 bits (sign, 5-bit exponent biased by 15, 10-bit mantissa) of a normal or zero value exact in float16. */
export function f16Bits(v: number): number {
  if (v === 0) return Object.is(v, -0) ? 0x8000 : 0;
  const sign = v < 0 ? 0x8000 : 0;
  const exponent = Math.floor(Math.log2(Math.abs(v)));
  const mantissa = (Math.abs(v) / 2 ** exponent - 1) * 1024;
  if (!Number.isInteger(mantissa) || exponent < -14 || exponent > 15) throw new Error(`${v} is not a normal float16`);
  return sign | ((exponent + 15) << 10) | mantissa;
}

export interface Tensor {
  /** The header's dtype string: usually a Dtype, anything for refusal tests. */
  dtype: string;
  shape: number[];
  data: Uint8Array;
}

/** A tensor of `values` encoded in `dtype`. */
export const tensor = (dtype: Dtype, shape: number[], values: readonly number[]): Tensor => ({
  dtype,
  shape,
  data: encode(values, dtype),
});

/** safetensors: u64 LE header length, JSON header (space-padded to 8 bytes), then data. */
export function safetensors(tensors: Record<string, Tensor>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    offset += t.data.length;
  }
  let json = JSON.stringify(header);
  while (json.length % 8 !== 0) json += " ";
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of Object.values(tensors)) {
    out.set(t.data, at);
    at += t.data.length;
  }
  return out;
}

/** .npy: "\x93NUMPY", version, header length (u16 v1, u32 v2/3), dict padded to 64 bytes with "\n". */
export function npy(descr: string, shape: number[], fortran: boolean, data: Uint8Array, major = 1): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let dict = `{'descr': '${descr}', 'fortran_order': ${fortran ? "True" : "False"}, 'shape': ${shapeText}, }`;
  const prefixLength = major === 1 ? 10 : 12;
  while ((prefixLength + dict.length + 1) % 64 !== 0) dict += " ";
  dict += "\n";
  const out = new Uint8Array(prefixLength + dict.length + data.length);
  out.set([0x93, ...new TextEncoder().encode("NUMPY"), major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, dict.length, true);
  else view.setUint32(8, dict.length, true);
  out.set(new TextEncoder().encode(dict), prefixLength);
  out.set(data, prefixLength + dict.length);
  return out;
}

/** A C-order .npy (format 1.0) of a little-endian float32 or float64 matrix. */
export const npyMatrix = (shape: number[], values: readonly number[], dtype: "F32" | "F64"): Uint8Array =>
  npy(dtype === "F32" ? "<f4" : "<f8", shape, false, encode(values, dtype));
