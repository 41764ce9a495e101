// The server side of SOCKS5 (RFC 1928) that `ssh -D` offers: no
// authentication, CONNECT only, to IPv4, IPv6 or domain names (resolved on the
// far side, like OpenSSH). Small enough to write here rather than depend on an
// unmaintained package; tested against curl.
import type { Socket } from 'node:net';

export interface SocksRequest {
  host: string;
  port: number;
}

const VERSION = 5;
export const SOCKS_REPLY = { succeeded: 0, generalFailure: 1, notAllowed: 2, networkUnreachable: 3, hostUnreachable: 4, refused: 5, commandNotSupported: 7, addressNotSupported: 8 } as const;

/** Read the greeting and the CONNECT request; resolves with where the client wants to go. */
export function readSocksRequest(socket: Socket, timeoutMs = 10_000): Promise<SocksRequest> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    let stage: 'greeting' | 'request' = 'greeting';
    const timer = setTimeout(() => finish(new Error('SOCKS handshake timed out')), timeoutMs);
    const finish = (error?: Error, request?: SocksRequest) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      if (error) reject(error);
      else {
        // Anything the client sent after the request belongs to the tunnel.
        if (buffer.length) socket.unshift(buffer);
        resolve(request!);
      }
    };
    const onError = (error: Error) => finish(error);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (stage === 'greeting') {
        if (buffer.length < 2) return;
        if (buffer[0] !== VERSION) return finish(new Error(`not SOCKS5 (version byte ${buffer[0]})`));
        const methods = buffer[1]!;
        if (buffer.length < 2 + methods) return;
        const offered = buffer.subarray(2, 2 + methods);
        buffer = buffer.subarray(2 + methods);
        if (!offered.includes(0)) {
          socket.end(Buffer.from([VERSION, 0xff]));
          return finish(new Error('the client offered no method without authentication'));
        }
        socket.write(Buffer.from([VERSION, 0]));
        stage = 'request';
      }
      if (stage === 'request') {
        if (buffer.length < 5) return;
        const [version, command, , type] = buffer;
        if (version !== VERSION) return finish(new Error('bad SOCKS request'));
        let host: string;
        let offset: number;
        if (type === 1) {
          if (buffer.length < 10) return;
          host = [...buffer.subarray(4, 8)].join('.');
          offset = 8;
        } else if (type === 3) {
          const length = buffer[4]!;
          if (buffer.length < 5 + length + 2) return;
          host = buffer.subarray(5, 5 + length).toString('utf8');
          offset = 5 + length;
        } else if (type === 4) {
          if (buffer.length < 22) return;
          const words: string[] = [];
          for (let i = 0; i < 8; i++) words.push(buffer.readUInt16BE(4 + i * 2).toString(16));
          host = words.join(':');
          offset = 20;
        } else {
          reply(socket, SOCKS_REPLY.addressNotSupported);
          return finish(new Error(`unsupported address type ${type}`));
        }
        const port = buffer.readUInt16BE(offset);
        buffer = buffer.subarray(offset + 2);
        if (command !== 1) {
          reply(socket, SOCKS_REPLY.commandNotSupported);
          return finish(new Error(`only CONNECT is supported (command ${command})`));
        }
        finish(undefined, { host, port });
      }
    };
    socket.on('data', onData);
    socket.on('error', onError);
  });
}

export function reply(socket: Socket, code: number): void {
  socket.write(Buffer.from([VERSION, code, 0, 1, 0, 0, 0, 0, 0, 0]));
  if (code !== SOCKS_REPLY.succeeded) socket.end();
}
