// The few globals that both Node and browsers provide, which shared/ may use.
// Everything else environment-specific is off limits here (see the layer table).
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
declare function atob(data: string): string;
/** The part of WebAssembly the log scanner uses (shared/logs/fast). */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
}
/** UTF-8 decoding (the log scanner reads the rare line of a chunk it holds only as bytes). */
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: Uint8Array): string;
}
