/**
 * The few globals `shared` uses that both Node and browsers have, declared here because this room
 * may depend on neither's type library.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
/** A growable SharedArrayBuffer (ES2024; Node 20 and every current browser have it). */
interface SharedArrayBufferConstructor {
  new (byteLength: number, options?: { maxByteLength?: number }): SharedArrayBuffer;
}
