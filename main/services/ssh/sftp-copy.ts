// Copy a file with many chunks in flight: SFTP is request/response, so one
// request at a time (what ssh2's streams do) waits a round trip per 32 KB. Like
// ssh2's fastGet/fastPut, but it can be aborted part-way and reports progress.
export interface ChunkSource {
  /** Read up to `length` bytes at `position` into `buffer`; resolves with how many were read. */
  read(buffer: Buffer, length: number, position: number): Promise<number>;
}

export interface ChunkTarget {
  write(buffer: Buffer, length: number, position: number): Promise<void>;
}

export interface CopyOptions {
  size: number;
  signal: AbortSignal;
  onProgress(bytes: number): void;
  /** 32 KB fits every SFTP server's read limit. */
  chunkSize?: number;
  concurrency?: number;
}

export async function parallelCopy(source: ChunkSource, target: ChunkTarget, options: CopyOptions): Promise<number> {
  const chunkSize = options.chunkSize ?? 32 * 1024;
  const concurrency = options.concurrency ?? 64;
  let next = 0;
  let copied = 0;
  const worker = async () => {
    const buffer = Buffer.allocUnsafe(chunkSize);
    while (next < options.size) {
      if (options.signal.aborted) throw new Error('aborted');
      const position = next;
      const length = Math.min(chunkSize, options.size - position);
      next += length;
      // A short read (a server's own limit) is completed before the chunk is written.
      let filled = 0;
      while (filled < length) {
        const n = await source.read(buffer.subarray(filled), length - filled, position + filled);
        if (n === 0) throw new Error(`the file ended early, at ${position + filled} of ${options.size} bytes (did it change while copying?)`);
        filled += n;
      }
      await target.write(buffer, length, position);
      copied += length;
      options.onProgress(copied);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, Math.ceil(options.size / chunkSize))) }, worker));
  return copied;
}
