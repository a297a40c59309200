/**
 * Appends trace chunks to the `.itrace` file as batches come, with synchronous writes so the file
 * is whole up to the last batch when the runner is killed. A write error (a full disk) stops the
 * writing, keeps the run going and is reported once; the trace then ends at the last whole chunk.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { ChunkType, TRACE_MAGIC, encodeChunkHeader, encodeJsonChunk, type TraceFooter, type TraceHeader } from '../shared/trace-file';

export interface FileOps {
  open(path: string): number;
  write(fd: number, bytes: Uint8Array): void;
  close(fd: number): void;
}

export const nodeFileOps: FileOps = {
  open: (path) => openSync(path, 'w'),
  write: (fd, bytes) => {
    let done = 0;
    while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done);
  },
  close: (fd) => closeSync(fd),
};

export class TraceWriter {
  private fd: number | null = null;
  /** The first write error, when writing stopped. */
  error: Error | null = null;
  /** Bytes handed to the file and written without error (the trace is whole up to the last chunk
   * that fits in them). */
  bytesWritten = 0;

  constructor(readonly path: string, private readonly ops: FileOps = nodeFileOps) {}

  begin(header: TraceHeader): void {
    try {
      this.fd = this.ops.open(this.path);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.write(TRACE_MAGIC);
    this.write(encodeJsonChunk(ChunkType.HEADER, header));
  }

  batch(strings: [number, string][], events: Float64Array): void {
    if (strings.length > 0) this.write(encodeJsonChunk(ChunkType.STRINGS, strings));
    if (events.length > 0) {
      // Header, then the records straight from the drain buffer: no copy of the events.
      this.write(encodeChunkHeader(ChunkType.EVENTS, events.byteLength));
      this.write(new Uint8Array(events.buffer, events.byteOffset, events.byteLength));
    }
  }

  end(footer: TraceFooter): void {
    this.write(encodeJsonChunk(ChunkType.FOOTER, footer));
    if (this.fd !== null) {
      try {
        this.ops.close(this.fd);
      } catch (error) {
        this.fail(error);
      }
      this.fd = null;
    }
  }

  private write(bytes: Uint8Array): void {
    if (this.fd === null || this.error) return;
    try {
      this.ops.write(this.fd, bytes);
      this.bytesWritten += bytes.byteLength;
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.error ??= error instanceof Error ? error : new Error(String(error));
    if (this.fd !== null) {
      try {
        this.ops.close(this.fd);
      } catch {
        // already failing: the first error is the one reported
      }
      this.fd = null;
    }
  }
}
