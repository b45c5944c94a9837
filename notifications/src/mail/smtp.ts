import nodemailer from "nodemailer";

/** One message as the queue holds it. */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export type SendOutcome =
  | { kind: "sent" }
  /** 5xx to RCPT TO: the address does not exist or refuses mail for good. */
  | { kind: "bounced"; reason: string }
  /** Another 5xx (e.g. the message itself refused): retrying would fail the same way. */
  | { kind: "failed"; reason: string }
  /** Connection refused or lost, time-out, 4xx: try again later. */
  | { kind: "retry"; reason: string };

/**
 * Sends over SMTP with Nodemailer. A new connection per message (no pool): mail is rare, and a
 * failed connection then concerns one message only. The Message-ID is derived from the queue
 * row, so if a crash between the server's "250 OK" and our commit makes us send the row again,
 * the copy carries the same Message-ID and mail clients show it once.
 */
export function smtpSender(smtpUrl: string, from: string) {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const domain = from.match(/@([^>\s]+)/)?.[1] ?? "ticketing.local";

  return {
    async send(mail: OutgoingMail): Promise<SendOutcome> {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
          messageId: `<${mail.id}@${domain}>`,
        });
        return { kind: "sent" };
      } catch (err) {
        return classify(err as SmtpError);
      }
    },
    close: () => transport.close(),
  };
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

export function classify(err: SmtpError): SendOutcome {
  const reason = err.response ?? err.message;
  const code = err.responseCode;
  if (code && code >= 500 && code < 600) {
    const atRecipient = err.code === "EENVELOPE" || /RCPT/i.test(err.command ?? "");
    return atRecipient ? { kind: "bounced", reason } : { kind: "failed", reason };
  }
  return { kind: "retry", reason };
}
