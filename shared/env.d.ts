// The few globals that both Node and browsers provide, which shared/ may use.
// Everything else environment-specific is off limits here (see the layer table).
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
