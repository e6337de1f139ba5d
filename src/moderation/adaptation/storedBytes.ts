/** A BLOB column as D1 hands it back: an ArrayBuffer, a Uint8Array or an array of byte values. */
export type Blob = ArrayBuffer | ArrayLike<number> | Uint8Array;

/** The BLOB's bytes, whatever form D1 handed them back in. */
export const asBytes = (blob: Blob): Uint8Array => (blob instanceof Uint8Array ? blob : new Uint8Array(blob instanceof ArrayBuffer ? blob : Array.from(blob)));
