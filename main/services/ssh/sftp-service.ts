// The file panels: the remote side over the host's pooled connection (its
// SFTP session), the local side on the machine the workbench runs on.
// Transfers stream with progress, can be cancelled (unsubscribe), write to a
// ".part" file first and move it into place only when complete, and fail
// per file with a message that says why (permission, missing, exists).
import { promises as fs, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SFTPWrapper, Stats as SftpStats } from 'ssh2';
import type { Contract } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { FileEntry, Listing, TransferEvent } from '../../../shared/contract/files';
import type { ConnectionContext, Handlers, StreamSink } from '../rpc/types';
import type { SshService } from './service';
import { parallelCopy } from './sftp-copy';

const SFTP_STATUS = { NO_SUCH_FILE: 2, PERMISSION_DENIED: 3 } as const;
const PROGRESS_EVERY_MS = 100;

/** A remote or local failure, named per file. */
export function fileError(error: unknown, file: string): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const e = error as { code?: number | string; message?: string };
  if (e.code === SFTP_STATUS.PERMISSION_DENIED || e.code === 'EACCES' || e.code === 'EPERM') {
    return new WorkbenchError({ code: 'permission-denied', message: `permission denied: ${file}`, where: file });
  }
  if (e.code === SFTP_STATUS.NO_SUCH_FILE || e.code === 'ENOENT') return new WorkbenchError({ code: 'not-found', message: `no such file or directory: ${file}`, where: file });
  if (e.code === 'EEXIST') return new WorkbenchError({ code: 'conflict', message: `already exists: ${file}`, where: file });
  return new WorkbenchError({ code: 'io', message: `${e.message ?? String(error)}: ${file}`, where: file });
}

function permissions(mode: number): string {
  const type = (mode & 0o170000) === 0o040000 ? 'd' : (mode & 0o170000) === 0o120000 ? 'l' : '-';
  const bits = 'rwxrwxrwx';
  let out = type;
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
}

function kindOf(mode: number): FileEntry['kind'] {
  switch (mode & 0o170000) {
    case 0o040000:
      return 'dir';
    case 0o100000:
      return 'file';
    case 0o120000:
      return 'link';
    default:
      return 'other';
  }
}

function sortEntries(entries: FileEntry[]): FileEntry[] {
  return entries.sort((a, b) => (a.kind === 'dir') !== (b.kind === 'dir') ? (a.kind === 'dir' ? -1 : 1) : a.name.localeCompare(b.name));
}

const call = <T>(fn: (cb: (error: Error | null | undefined, result: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((error, result) => (error ? reject(error) : resolve(result))));

export class SftpService {
  constructor(private readonly ssh: SshService) {}

  private async session(hostId: string, connection: ConnectionContext): Promise<{ sftp: SFTPWrapper; release(): void }> {
    const lease = await this.ssh.acquire(hostId, connection);
    try {
      return { sftp: await lease.connection.sftp(undefined), release: () => lease.dispose() };
    } catch (error) {
      lease.dispose();
      throw error;
    }
  }

  async listRemote(hostId: string, dir: string, connection: ConnectionContext): Promise<Listing> {
    const { sftp, release } = await this.session(hostId, connection);
    try {
      const real = await call<string>((cb) => sftp.realpath(dir || '.', cb)).catch((error: unknown) => Promise.reject(fileError(error, dir || '~')));
      const list = await call<Array<{ filename: string; attrs: SftpStats }>>((cb) => sftp.readdir(real, cb)).catch((error: unknown) => Promise.reject(fileError(error, real)));
      return {
        path: real,
        entries: sortEntries(
          list
            .filter((e) => e.filename !== '.' && e.filename !== '..')
            .map((e) => ({ name: e.filename, kind: kindOf(e.attrs.mode), size: e.attrs.size, mtimeMs: e.attrs.mtime * 1000, permissions: permissions(e.attrs.mode) })),
        ),
      };
    } finally {
      release();
    }
  }

  async listLocal(dir: string): Promise<Listing> {
    const real = await fs.realpath(dir || os.homedir()).catch((error: unknown) => Promise.reject(fileError(error, dir)));
    const names = await fs.readdir(real).catch((error: unknown) => Promise.reject(fileError(error, real)));
    const entries: FileEntry[] = [];
    await Promise.all(
      names.map(async (name) => {
        let stat: Stats;
        try {
          stat = await fs.lstat(path.join(real, name));
        } catch {
          return; // vanished or unreadable: not listed
        }
        entries.push({ name, kind: kindOf(stat.mode), size: stat.size, mtimeMs: stat.mtimeMs, permissions: permissions(stat.mode) });
      }),
    );
    return { path: real, entries: sortEntries(entries) };
  }

  async transfer(
    params: { hostId: string; direction: 'upload' | 'download'; localPath: string; remotePath: string; overwrite: boolean },
    sink: StreamSink<TransferEvent>,
    connection: ConnectionContext,
  ): Promise<void> {
    const { sftp, release } = await this.session(params.hostId, connection);
    const started = Date.now();
    const abort = new AbortController();
    sink.signal.addEventListener('abort', () => abort.abort(), { once: true });
    const upload = params.direction === 'upload';
    const source = upload ? params.localPath : params.remotePath;
    const target = upload ? params.remotePath : params.localPath;
    const part = `${target}.part`;
    let bytes = 0;
    let total = 0;
    let lastReport = 0;
    const report = (force = false) => {
      const now = Date.now();
      if (force || now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        sink.emit({ type: 'progress', bytes, total });
      }
    };
    try {
      // Size and overwrite check first, so a refusal happens before a byte moves.
      total = upload
        ? (await fs.stat(source).catch((e: unknown) => Promise.reject(fileError(e, source)))).size
        : (await call<SftpStats>((cb) => sftp.stat(source, cb)).catch((e: unknown) => Promise.reject(fileError(e, source)))).size;
      if (!params.overwrite) {
        const exists = upload ? await call<SftpStats>((cb) => sftp.stat(target, cb)).then(() => true, () => false) : await fs.stat(target).then(() => true, () => false);
        if (exists) throw new WorkbenchError({ code: 'conflict', message: `already exists: ${target} (choose to overwrite it)`, where: target });
      }
      report(true);
      // Many requests in flight: one at a time would wait a round trip per chunk.
      const local = await fs.open(upload ? source : part, upload ? 'r' : 'w').catch((e: unknown) => Promise.reject(fileError(e, upload ? source : target)));
      // The local handle is closed even when the remote side cannot be opened.
      let remote: Buffer | undefined;
      try {
        const handle: Buffer = await call<Buffer>((cb) => sftp.open(upload ? part : source, upload ? 'w' : 'r', cb)).catch((e: unknown) => Promise.reject(fileError(e, upload ? target : source)));
        remote = handle;
        const localSide = {
          read: async (buffer: Buffer, length: number, position: number) => (await local.read(buffer, 0, length, position)).bytesRead,
          write: async (buffer: Buffer, length: number, position: number) => void (await local.write(buffer, 0, length, position)),
        };
        const remoteSide = {
          read: (buffer: Buffer, length: number, position: number) => call<number>((cb) => sftp.read(handle, buffer, 0, length, position, (e, n) => cb(e, n))),
          write: (buffer: Buffer, length: number, position: number) => call<void>((cb) => sftp.write(handle, buffer, 0, length, position, cb)),
        };
        await parallelCopy(upload ? localSide : remoteSide, upload ? remoteSide : localSide, {
          size: total,
          signal: abort.signal,
          onProgress: (n) => {
            bytes = n;
            report();
          },
        }).catch((error: unknown) => {
          if (abort.signal.aborted) throw new WorkbenchError({ code: 'conflict', message: `cancelled: ${target}`, where: target });
          throw fileError(error, upload ? target : source);
        });
      } finally {
        await local.close().catch(() => {});
        if (remote) await call<void>((cb) => sftp.close(remote!, cb)).catch(() => {});
      }
      if (upload) {
        if (params.overwrite) await call<void>((cb) => sftp.unlink(target, cb)).catch(() => {});
        await call<void>((cb) => sftp.rename(part, target, cb)).catch((e: unknown) => Promise.reject(fileError(e, target)));
      } else {
        await fs.rename(part, target).catch((e: unknown) => Promise.reject(fileError(e, target)));
      }
      report(true);
      sink.emit({ type: 'done', bytes, ms: Date.now() - started });
      sink.end();
    } catch (error) {
      // Never leave half a file behind under the final name, nor the part file.
      if (upload) await call<void>((cb) => sftp.unlink(part, cb)).catch(() => {});
      else await fs.rm(part, { force: true }).catch(() => {});
      sink.end(error instanceof WorkbenchError ? error : fileError(error, target));
    } finally {
      release();
    }
  }

  handlers(connection: ConnectionContext): Handlers<Contract>['sftp'] {
    const withSftp = async <T>(hostId: string, fn: (sftp: SFTPWrapper) => Promise<T>): Promise<T> => {
      const { sftp, release } = await this.session(hostId, connection);
      try {
        return await fn(sftp);
      } finally {
        release();
      }
    };
    return {
      list: ({ hostId, path: dir }) => this.listRemote(hostId, dir, connection),
      listLocal: ({ path: dir }) => this.listLocal(dir),
      mkdir: ({ hostId, path: dir }) => withSftp(hostId, (sftp) => call<void>((cb) => sftp.mkdir(dir, cb)).then(() => ({}), (e: unknown) => Promise.reject(fileError(e, dir)))),
      rename: ({ hostId, from, to }) => withSftp(hostId, (sftp) => call<void>((cb) => sftp.rename(from, to, cb)).then(() => ({}), (e: unknown) => Promise.reject(fileError(e, from)))),
      remove: ({ hostId, path: file, kind }) =>
        withSftp(hostId, (sftp) => call<void>((cb) => (kind === 'dir' ? sftp.rmdir(file, cb) : sftp.unlink(file, cb))).then(() => ({}), (e: unknown) => Promise.reject(fileError(e, file)))),
      transfer: (params, sink) => {
        void this.transfer(params, sink, connection).catch((error: unknown) => sink.end(fileError(error, params.remotePath)));
      },
    };
  }
}
