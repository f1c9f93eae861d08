/** The one file that listens: the app from app.ts on a host and port, closed cleanly on a signal. */
import { serve as listen, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { CrosscheckApp } from './app.ts';

export interface Listening {
  /** The address actually bound (the port is chosen by the system when 0 was asked). */
  host: string;
  port: number;
  url: string;
  close: () => Promise<void>;
}

export function serve(app: CrosscheckApp, options: { host: string; port: number }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined;
    const onError = (err: Error): void => reject(err);
    server = listen({ fetch: app.app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      server?.off('error', onError);
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        host: info.address,
        port: info.port,
        url: `http://${host}:${info.port}`,
        close: () => new Promise<void>((done) => {
          server?.close(() => done());
          // Idle keep-alive connections would hold the close open.
          (server as { closeIdleConnections?: () => void } | undefined)?.closeIdleConnections?.();
        }).then(() => app.close()),
      });
    });
    server.once('error', onError);
  });
}
