import net from "node:net";

/**
 * A TCP proxy in front of a real server (NATS, PostgreSQL, Redis) that a test can cut
 * and restore, to make a dependency unreachable without stopping the shared server.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private holding = false;
  private frozen = false;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private readonly heldChunks: Array<{ upstream: net.Socket; chunk: Buffer }> = [];
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listens (on the same port as before after a `cut`, so clients can reconnect). */
  async start(): Promise<number> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.on("data", (chunk: Buffer) => {
        if (this.holding) this.heldChunks.push({ upstream, chunk });
        else upstream.write(chunk);
      });
      upstream.pipe(client);
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      client.on("close", () => this.pairs.delete(pair));
      if (this.frozen) this.pause(pair);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Drops every connection and refuses new ones until `start()` is called again. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Holds what clients send from now on: the server sees none of it until `release()`. */
  hold(): void {
    this.holding = true;
  }

  /** What clients sent while held, as text (to see which requests are in flight). */
  held(): string {
    return Buffer.concat(this.heldChunks.map((c) => c.chunk)).toString("latin1");
  }

  /** Forwards what was held, in order, and stops holding. */
  release(): void {
    this.holding = false;
    for (const { upstream, chunk } of this.heldChunks.splice(0)) upstream.write(chunk);
  }

  stop = () => this.cut();

  /** A started proxy in front of the server of `url`, and that URL pointing at the proxy. */
  static async inFrontOf(url: string): Promise<{ proxy: TcpProxy; url: string }> {
    const target = new URL(url);
    const proxy = new TcpProxy(target.hostname, Number(target.port));
    target.port = String(await proxy.start());
    return { proxy, url: target.toString() };
  }

  /**
   * A hung server: connections stay open and new ones are accepted, but no byte passes
   * in either direction (a frozen VM, a black-holed network) until `thaw()`.
   */
  freeze(): void {
    this.frozen = true;
    for (const pair of this.pairs) this.pause(pair);
  }

  /** Lets traffic through again; what was held back is delivered in order. */
  thaw(): void {
    this.frozen = false;
    for (const [client, upstream] of this.pairs) {
      upstream.pipe(client);
      client.resume();
    }
  }

  private pause([client, upstream]: [net.Socket, net.Socket]): void {
    client.pause();
    upstream.unpipe(client);
    upstream.pause();
  }
}
