import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

/**
 * A TCP pass-through (e.g. to Redis) that tests can cut and restore to simulate an outage. Free of Nest, so
 * tools (the e2e stack's Redis drill) can use it too.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private frozen = false;

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  /** Listens on 127.0.0.1:`port` (a free port when 0). */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(target, port || (await freePort()));
    await proxy.resume();
    return proxy;
  }

  get isCut(): boolean {
    return !this.server;
  }

  async resume(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      // Forwarded by hand rather than piped, so freeze() can swallow bytes while every socket stays open.
      for (const [from, to] of [[client, upstream], [upstream, client]]) {
        from.on('data', (chunk) => {
          if (!this.frozen) to.write(chunk);
        });
        from.on('end', () => to.end());
      }
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
  }

  /** A silent outage: connections stay open, but nothing gets through in either direction until thaw(). */
  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
  }

  /** Drops every connection and refuses new ones until resume(). */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.sockets.forEach((s) => s.destroy());
    if (server) await new Promise((r) => server.close(r));
  }
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => probe.once('listening', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}
