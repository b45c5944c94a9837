import { formatCents } from "@m-ticketing/common";
import type { MailContent } from "../mail/render";

/**
 * Every mail the service sends, one function each: the words, and the page the link opens.
 * Which event triggers which mail is in ../events (README: "What is sent").
 */
export type MailKind = keyof typeof mailCatalogue;

/** The part of a mail's content that depends on the site (links). */
export interface Site {
  productName: string;
  publicUrl: string;
}

const money = (cents: number, currency: string) => `${formatCents(cents)} ${currency}`;
const hello = (name: string) => `Hello ${name || "there"},`;

export const mailCatalogue = {
  "verify-email": (site: Site, p: { name: string; token: string }): MailContent => ({
    subject: `Verify your e-mail address for ${site.productName}`,
    preheader: "One click to confirm this address is yours.",
    heading: "Confirm your e-mail address",
    paragraphs: [
      hello(p.name),
      `Please confirm that this address is yours. Until you do, you can buy tickets but not sell them.`,
      "The link works once, for 24 hours.",
    ],
    action: { label: "Verify my address", url: `${site.publicUrl}/auth/verify-email?token=${p.token}` },
    footnote: "You get this because someone signed up with this address. If it was not you, ignore it.",
  }),

  "password-reset": (site: Site, p: { name: string; token: string }): MailContent => ({
    subject: `Reset your ${site.productName} password`,
    preheader: "Choose a new password (the link works for one hour).",
    heading: "Choose a new password",
    paragraphs: [
      hello(p.name),
      "Someone asked to reset the password of your account. If it was you, choose a new one:",
      "The link works once, for one hour. Setting a new password signs out every other device.",
    ],
    action: { label: "Choose a new password", url: `${site.publicUrl}/auth/reset-password?token=${p.token}` },
    footnote: "If you did not ask for this, ignore this mail: your password stays as it is.",
  }),

  "password-changed": (site: Site, p: { name: string; how: "changed" | "reset" }): MailContent => ({
    subject: `Your ${site.productName} password was ${p.how === "reset" ? "reset" : "changed"}`,
    preheader: "Every other device was signed out.",
    heading: "Your password was changed",
    paragraphs: [
      hello(p.name),
      `The password of your account was just ${p.how === "reset" ? "reset with a link we e-mailed you" : "changed"}, and every other device was signed out.`,
      "If this was not you, reset your password now.",
    ],
    action: { label: "Reset my password", url: `${site.publicUrl}/auth/forgot-password` },
    footnote: "We send this for every password change, to keep your account yours.",
  }),

  "google-linked": (site: Site, p: { name: string }): MailContent => ({
    subject: `Google sign-in was linked to your ${site.productName} account`,
    preheader: "You now sign in with Google.",
    heading: "You now sign in with Google",
    paragraphs: [
      hello(p.name),
      "A Google account with this address signed in, so we linked it to your account. The password of the account was removed and every other device signed out.",
      "If this was not you, contact us straight away.",
    ],
    action: { label: "Open your settings", url: `${site.publicUrl}/settings` },
    footnote: "We send this whenever a new way of signing in is added to your account.",
  }),

  "order-confirmed": (
    site: Site,
    p: { name: string; orderId: string; ticketId: string; title: string; price: string },
  ): MailContent => ({
    subject: `Order confirmed: ${p.title}`,
    preheader: `You paid ${p.price}. Enjoy the event!`,
    heading: "Your order is confirmed",
    paragraphs: [
      hello(p.name),
      `Thank you: your payment was received and the ticket is yours.`,
      // Every listing buyers can see has its ticket file attached, so a paid order always has one.
      `Your order's page has your ticket. The e-ticket as a PDF (open it signed in): ${site.publicUrl}/api/tickets/${p.ticketId}/eticket.pdf`,
    ],
    details: [
      { label: "Ticket", value: p.title },
      { label: "Paid", value: p.price },
      { label: "Order", value: p.orderId },
    ],
    action: { label: "See your order", url: `${site.publicUrl}/orders/${p.orderId}` },
    footnote: "You get this because you bought a ticket.",
  }),

  "reservation-expiring": (
    site: Site,
    p: { name: string; orderId: string; title: string; price: string; minutesLeft: number },
  ): MailContent => ({
    subject: `Your reservation for ${p.title} ends in ${p.minutesLeft} minute${p.minutesLeft === 1 ? "" : "s"}`,
    preheader: "Pay now to keep the ticket.",
    heading: "Your reservation is about to end",
    paragraphs: [
      hello(p.name),
      `We are holding ${p.title} for you for ${p.minutesLeft} more minute${p.minutesLeft === 1 ? "" : "s"}. After that, someone else can buy it.`,
    ],
    details: [{ label: "Price", value: p.price }],
    action: { label: "Pay now", url: `${site.publicUrl}/orders/${p.orderId}` },
    footnote: "You get this reminder because you reserved a ticket and have not paid yet.",
  }),

  "order-cancelled": (
    site: Site,
    p: { name: string; orderId: string; ticketId: string; title: string; expired: boolean; withdrawn?: boolean },
  ): MailContent =>
    p.withdrawn
      ? {
          subject: `The seller withdrew ${p.title}: your order was cancelled`,
          preheader: "Nothing is charged; a payment that went through is refunded.",
          heading: "The seller withdrew the ticket",
          paragraphs: [
            hello(p.name),
            `The seller took ${p.title} off sale before your order was paid, so your order was cancelled. Nothing is charged: if a payment went through anyway, it goes back to your PayPal account and we mail you when it has.`,
          ],
          action: { label: "See your order", url: `${site.publicUrl}/orders/${p.orderId}` },
          footnote: "You get this because you reserved a ticket.",
        }
      : {
          subject: p.expired ? `Your reservation for ${p.title} expired` : `Your order for ${p.title} was cancelled`,
          preheader: "The ticket is no longer held for you.",
          heading: p.expired ? "Your reservation expired" : "Your order was cancelled",
          paragraphs: [
            hello(p.name),
            p.expired
              ? `The time to pay for ${p.title} ran out, so the ticket was released. If it is still available you can reserve it again.`
              : `Your order for ${p.title} was cancelled and the ticket released. Nothing was charged.`,
          ],
          action: { label: "See the ticket", url: `${site.publicUrl}/tickets/${p.ticketId}` },
          footnote: "You get this because you reserved a ticket.",
        },

  "refund-issued": (site: Site, p: { name: string; orderId: string; amount: string }): MailContent => ({
    subject: `We refunded ${p.amount}`,
    preheader: "Your payment arrived after the reservation had ended.",
    heading: "Your payment was refunded",
    paragraphs: [
      hello(p.name),
      `Your payment arrived after your reservation had ended, so the ticket could not be yours. We refunded ${p.amount} to your PayPal account.`,
    ],
    details: [
      { label: "Refunded", value: p.amount },
      { label: "Order", value: p.orderId },
    ],
    action: { label: "See your order", url: `${site.publicUrl}/orders/${p.orderId}` },
    footnote: "You get this because we returned money to you.",
  }),

  "ticket-sold": (
    site: Site,
    p: {
      name: string;
      title: string;
      price: string;
      fee: string;
      due: string;
      payoutDate: string | null;
    },
  ): MailContent => ({
    subject: `You sold ${p.title}`,
    preheader: `A buyer paid ${p.price}; you receive ${p.due}.`,
    heading: "Your ticket sold",
    paragraphs: [
      hello(p.name),
      `Good news: a buyer paid for ${p.title}.`,
      p.payoutDate
        ? `We pay you ${p.due} to your PayPal payout account on ${p.payoutDate}, after the event, unless the buyer reports a problem before then.`
        : `We pay you ${p.due} to your PayPal payout account after the event, unless the buyer reports a problem before then.`,
    ],
    details: [
      { label: "Ticket", value: p.title },
      { label: "Price", value: p.price },
      { label: "Our fee", value: p.fee },
      { label: "You receive", value: p.due },
      ...(p.payoutDate ? [{ label: "Payout date", value: p.payoutDate }] : []),
    ],
    action: { label: "See your sales", url: `${site.publicUrl}/sales` },
    footnote: "You get this because you listed a ticket. Set where we pay you under Settings → Payouts.",
  }),

  "event-alert": (site: Site, p: { name: string; eventId: string; title: string; price: string }): MailContent => ({
    subject: `Tickets listed for ${p.title}`,
    preheader: `A ticket was just listed at ${p.price}.`,
    heading: "A ticket was listed",
    paragraphs: [
      hello(p.name),
      `You asked us to tell you when tickets are listed for ${p.title}: one was just listed at ${p.price}. Tickets often go fast.`,
      "We write at most once an hour per event.",
    ],
    details: [
      { label: "Event", value: p.title },
      { label: "Price", value: p.price },
    ],
    action: { label: "See the tickets", url: `${site.publicUrl}/events/${p.eventId}` },
    footnote: 'You get this because you chose "Notify me" on this event\'s page.',
  }),

  "payout-account-changed": (
    site: Site,
    p: { name: string; paypalEmail: string; previousPaypalEmail: string | null },
  ): MailContent => ({
    subject: p.previousPaypalEmail
      ? `Your ${site.productName} payout account was changed`
      : `Your ${site.productName} payout account was set`,
    preheader: `Payouts now go to ${p.paypalEmail}.`,
    heading: p.previousPaypalEmail ? "Your payout account was changed" : "Your payout account was set",
    paragraphs: [
      hello(p.name),
      p.previousPaypalEmail
        ? `From now on we pay your sales to the PayPal account ${p.paypalEmail} instead of ${p.previousPaypalEmail}.`
        : `From now on we pay your sales to the PayPal account ${p.paypalEmail}.`,
      "If this was not you, change your password and your payout account now, and contact us.",
    ],
    details: [{ label: "Payouts go to", value: p.paypalEmail }],
    action: { label: "Check your payout account", url: `${site.publicUrl}/settings/payouts` },
    footnote: "We send this for every change of where your money goes, to keep it yours.",
  }),

  "payout-account-missing": (site: Site, p: { name: string; sales: number; amountDue: string }): MailContent => ({
    subject: `Add a payout account to receive ${p.amountDue}`,
    preheader: "Your sales are ready to be paid out.",
    heading: "Tell us where to pay you",
    paragraphs: [
      hello(p.name),
      `${p.sales} of your sales (${p.amountDue}) are ready to be paid out, but you have not told us which PayPal account to pay. Add it and we pay at once.`,
    ],
    details: [{ label: "Waiting for you", value: p.amountDue }],
    action: { label: "Add a payout account", url: `${site.publicUrl}/settings/payouts` },
    footnote: "You get this because you sold tickets and we owe you money.",
  }),

  "payout-sent": (
    site: Site,
    p: { name: string; title: string; amount: string; paypalEmail: string },
  ): MailContent => ({
    subject: `We paid you ${p.amount}`,
    preheader: `For ${p.title}, to ${p.paypalEmail}.`,
    heading: "Your payout was sent",
    paragraphs: [hello(p.name), `We sent ${p.amount} for ${p.title} to your PayPal account ${p.paypalEmail}.`],
    details: [
      { label: "Sale", value: p.title },
      { label: "Paid", value: p.amount },
      { label: "To", value: p.paypalEmail },
    ],
    action: { label: "See your sales", url: `${site.publicUrl}/sales` },
    footnote: "You get this because you sold a ticket.",
  }),

  "payout-unclaimed": (
    site: Site,
    p: { name: string; title: string; amount: string; paypalEmail: string },
  ): MailContent => ({
    subject: `Claim your payout of ${p.amount} at PayPal`,
    preheader: `${p.paypalEmail} has no PayPal account yet.`,
    heading: "Your payout is waiting at PayPal",
    paragraphs: [
      hello(p.name),
      `We sent ${p.amount} for ${p.title} to ${p.paypalEmail}, which has no PayPal account yet. Open a PayPal account with that address within 30 days to receive it, or change your payout account.`,
    ],
    details: [
      { label: "Sale", value: p.title },
      { label: "Amount", value: p.amount },
      { label: "Sent to", value: p.paypalEmail },
    ],
    action: { label: "Check your payout account", url: `${site.publicUrl}/settings/payouts` },
    footnote: "You get this because you sold a ticket.",
  }),

  "payout-failed": (
    site: Site,
    p: { name: string; title: string; amount: string; paypalEmail: string; reason: string | null },
  ): MailContent => ({
    subject: `Your payout of ${p.amount} failed`,
    preheader: p.reason ?? "PayPal refused the payout.",
    heading: "We could not pay you",
    paragraphs: [
      hello(p.name),
      `PayPal refused our payout of ${p.amount} for ${p.title} to ${p.paypalEmail}${p.reason ? `: ${p.reason}` : "."}`,
      "Check your payout account; the money stays yours and we pay again once it is fixed.",
    ],
    details: [
      { label: "Sale", value: p.title },
      { label: "Amount", value: p.amount },
    ],
    action: { label: "Check your payout account", url: `${site.publicUrl}/settings/payouts` },
    footnote: "You get this because you sold a ticket.",
  }),

  "claim-opened-seller": (
    site: Site,
    p: { name: string; claimId: string; title: string; reason: string },
  ): MailContent => ({
    subject: `A buyer opened a claim about ${p.title}`,
    preheader: "Your payout for this sale is held until we decide.",
    heading: "A buyer reported a problem",
    paragraphs: [
      hello(p.name),
      `The buyer of ${p.title} says: ${p.reason}. The payout for this sale is held until we decide. Please answer the claim: tell us what happened and how the ticket was delivered.`,
    ],
    details: [
      { label: "Ticket", value: p.title },
      { label: "Reason", value: p.reason },
    ],
    action: { label: "Answer the claim", url: `${site.publicUrl}/claims/${p.claimId}` },
    footnote: "You get this because you sold this ticket.",
  }),

  "claim-opened-buyer": (
    site: Site,
    p: { name: string; claimId: string; title: string; reason: string },
  ): MailContent => ({
    subject: `We received your claim about ${p.title}`,
    preheader: "We hold the seller's payout until we decide.",
    heading: "Your claim is open",
    paragraphs: [
      hello(p.name),
      `You told us: ${p.reason}. We asked the seller to answer and hold their payout until we decide. We write again when something changes.`,
    ],
    action: { label: "See your claim", url: `${site.publicUrl}/claims/${p.claimId}` },
    footnote: "You get this because you opened a claim (buyer protection).",
  }),

  "claim-answered": (site: Site, p: { name: string; claimId: string; title: string }): MailContent => ({
    subject: `The seller answered your claim about ${p.title}`,
    preheader: "Read the answer; we decide next.",
    heading: "The seller answered",
    paragraphs: [hello(p.name), `The seller of ${p.title} answered your claim. We decide next and tell you both.`],
    action: { label: "Read the answer", url: `${site.publicUrl}/claims/${p.claimId}` },
    footnote: "You get this because you opened a claim (buyer protection).",
  }),

  "claim-decided-buyer": (
    site: Site,
    p: { name: string; claimId: string; title: string; refunded: boolean; refund: string },
  ): MailContent => ({
    subject: p.refunded
      ? `Your claim about ${p.title}: we refunded ${p.refund}`
      : `Your claim about ${p.title} was declined`,
    preheader: p.refunded ? "The money is on its way back to your PayPal account." : "See why on the claim's page.",
    heading: p.refunded ? "We refunded you" : "Your claim was declined",
    paragraphs: [
      hello(p.name),
      p.refunded
        ? `We decided your claim about ${p.title} in your favour and refunded ${p.refund} (the price and the service fee) to your PayPal account.`
        : `We looked at your claim about ${p.title} and the seller's answer, and decided not to refund this sale.`,
    ],
    action: { label: "See the decision", url: `${site.publicUrl}/claims/${p.claimId}` },
    footnote: "You get this because you opened a claim (buyer protection).",
  }),

  "claim-decided-seller": (
    site: Site,
    p: { name: string; claimId: string; title: string; refunded: boolean },
  ): MailContent => ({
    subject: p.refunded
      ? `The claim about ${p.title} was decided for the buyer`
      : `The claim about ${p.title} was declined`,
    preheader: p.refunded ? "The sale was refunded to the buyer." : "Your payout is released.",
    heading: p.refunded ? "The buyer was refunded" : "The claim was declined",
    paragraphs: [
      hello(p.name),
      p.refunded
        ? `We decided the buyer's claim about ${p.title} in their favour: the sale was refunded and is not paid out to you.`
        : `We declined the buyer's claim about ${p.title}: your payout for this sale is released.`,
    ],
    action: { label: "See the decision", url: `${site.publicUrl}/claims/${p.claimId}` },
    footnote: "You get this because you sold this ticket.",
  }),
} as const;

export { money };
