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
