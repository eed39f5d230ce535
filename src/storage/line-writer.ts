import { closeSync, openSync, writeSync } from 'node:fs';
import { SreDrillError } from '../core/errors.js';

/** Bytes gathered before each write: large enough that a 100 MB export is a hundred writes. */
const CHUNK = 1 << 20;

/**
 * Writes lines to a file, or hands them to `sink` (stdout), in 1 MB chunks encoded straight
 * into one reused buffer: a large export is neither one huge string nor a copy per line.
 */
export class LineWriter {
  private readonly fd: number | undefined;
  private readonly buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  /** Lines written so far. */
  count = 0;

  constructor(
    /** The line end: '\n' or '\r\n' (ASCII, written byte by byte). */
    private readonly eol: string,
    path: string | undefined,
    private readonly sink?: (chunk: Buffer) => void,
  ) {
    if (path) {
      try {
        this.fd = openSync(path, 'w');
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        throw new SreDrillError(`cannot write ${path}: ${e.code === 'ENOENT' ? 'its folder does not exist' : e.code === 'EISDIR' ? 'it is a folder' : e.message}`);
      }
    }
  }

  line(text: string): void {
    this.count++;
    // A UTF-16 code unit is at most 3 bytes of UTF-8: flush first when the line might not fit.
    const most = (text.length + this.eol.length) * 3;
    if (this.used + most > CHUNK) this.flush();
    if (most > CHUNK) {
      this.emit(Buffer.from(text + this.eol));
      return;
    }
    this.used += this.buf.write(text, this.used);
    // The line end byte by byte: a second native write per line costs more than the bytes.
    for (let i = 0; i < this.eol.length; i++) this.buf[this.used++] = this.eol.charCodeAt(i);
  }

  private emit(chunk: Buffer): void {
    if (this.fd !== undefined) writeSync(this.fd, chunk);
    else this.sink!(chunk);
  }

  flush(): void {
    if (!this.used) return;
    // stdout may hold on to the chunk: give it a copy; a file write is done before we reuse it.
    this.emit(this.fd !== undefined ? this.buf.subarray(0, this.used) : Buffer.from(this.buf.subarray(0, this.used)));
    this.used = 0;
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
  }
}
