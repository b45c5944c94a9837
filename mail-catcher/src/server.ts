import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { inboxPage, messagePage } from "./pages";

/** One received message, as the HTTP API returns it. */
export interface CaughtMessage {
  id: string;
  receivedAt: string;
  /** The SMTP envelope: who the sender's server said it was from and to. */
  envelope: { from: string; to: string[] };
  messageId: string | null;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Header names in lower case; values as text. */
  headers: Record<string, string>;
}

export interface MailCatcherOptions {
  /** SMTP port (0: a free one). */
  smtpPort?: number;
  /** Port of the inbox page and the JSON API (0: a free one). */
  httpPort?: number;
  /** Interface to listen on (both ports). */
  host?: string;
  /** Recipients refused with `550 5.1.1` (a permanent bounce), e.g. /^bounce[+@]/. */
  rejectRecipients?: RegExp;
  /** Messages kept (oldest dropped first). */
  maxMessages?: number;
}

export interface MailCatcher {
  smtpPort: number;
  httpPort: number;
  /** Base URL of the inbox page and API. */
  url: string;
  messages(): CaughtMessage[];
  clear(): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server that accepts every message (except for `rejectRecipients`) and keeps it
 * in memory, plus an HTTP inbox: `GET /` (page), `GET /api/messages?to=` (JSON), `DELETE
 * /api/messages`. Built on smtp-server and mailparser (the Nodemailer project's server and
 * parser), so what it sees is exactly what a mail server would.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const maxMessages = options.maxMessages ?? 1000;
  let messages: CaughtMessage[] = [];

  const smtp = new SMTPServer({
    authOptional: true,
    // Local only: plain SMTP, as a development relay would be.
    disabledCommands: ["STARTTLS"],
    banner: "Ticketing mail catcher",
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.test(address.address)) {
        const err = Object.assign(new Error("5.1.1 Mailbox does not exist"), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
          messages.push({
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            messageId: parsed.messageId ?? null,
            from: parsed.from?.text ?? "",
            to: Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? ""),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            headers,
          });
          if (messages.length > maxMessages) messages = messages.slice(-maxMessages);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  smtp.on("error", () => {});
  const smtpPort = await new Promise<number>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve((smtp.server.address() as AddressInfo).port));
  });

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://catcher");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const html = (body: string) =>
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(body);
    const match = url.pathname.match(/^\/(api\/)?messages\/([0-9a-f-]{36})$/);
    if (req.method === "GET" && url.pathname === "/healthz") return json(200, { ok: true });
    if (req.method === "GET" && url.pathname === "/api/messages") {
      const to = url.searchParams.get("to")?.toLowerCase();
      return json(200, to ? messages.filter((m) => m.envelope.to.includes(to)) : messages);
    }
    if (req.method === "DELETE" && url.pathname === "/api/messages") {
      messages = [];
      return json(200, {});
    }
    if (req.method === "GET" && url.pathname === "/") return html(inboxPage(messages));
    const found = match ? messages.find((m) => m.id === match[2]) : undefined;
    if (req.method === "GET" && found) return match?.[1] ? json(200, found) : html(messagePage(found));
    json(404, { error: "not found" });
  });
  const httpPort = await new Promise<number>((resolve, reject) => {
    web.once("error", reject);
    web.listen(options.httpPort ?? 0, host, () => resolve((web.address() as AddressInfo).port));
  });

  return {
    smtpPort,
    httpPort,
    url: `http://${host}:${httpPort}`,
    messages: () => [...messages],
    clear: () => {
      messages = [];
    },
    stop: async () => {
      web.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => web.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}
