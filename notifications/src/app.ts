import { mailLinkKey, ServiceHost, type ServiceOptions, serviceModule } from "@m-ticketing/common";
import { loadConfig, type NotificationsConfig } from "./config";
import { migrationsFolder, schema } from "./db";
import type { MailSettings } from "./domain/mail-queue";
import { orderListeners } from "./events/order-listeners";
import { paymentListeners } from "./events/payment-listeners";
import { ticketListeners } from "./events/ticket-listeners";
import { userListeners } from "./events/user-listeners";
import { mailSender } from "./jobs/mail-sender";
import { reservationReminders } from "./jobs/reservation-reminders";
import { smtpSender } from "./mail/smtp";
import { preferencesRouter } from "./routes/preferences-router";

/**
 * Wires the notifications service: replicas and mail from the other services' events, the mail
 * queue's sender and the reservation reminders (jobs), and the preferences API.
 */
export function createNotificationsService(config: NotificationsConfig, options: ServiceOptions = {}) {
  const mail: MailSettings = {
    productName: config.PRODUCT_NAME,
    publicUrl: config.publicUrl,
    linkKey: mailLinkKey(config),
  };
  return new ServiceHost({
    name: "notifications",
    config,
    schema,
    migrationsFolder,
    routes: ({ database }) => [
      preferencesRouter({ db: database.db, linkKey: mail.linkKey, publicUrl: mail.publicUrl }),
    ],
    listeners: ({ logger }) => {
      const deps = { mail, logger, sales: { fees: config.fees, payoutDelaySeconds: config.payoutDelaySeconds } };
      return [...userListeners(deps), ...ticketListeners(deps), ...orderListeners(deps), ...paymentListeners(deps)];
    },
    resources: ({ database, logger }) => [
      mailSender({
        db: database.db,
        sender: smtpSender(config.SMTP_URL, config.MAIL_FROM),
        logger,
        pollMs: config.MAIL_POLL_MS,
        retryBaseMs: config.MAIL_RETRY_BASE_MS,
        retryMaxMs: config.MAIL_RETRY_MAX_MS,
      }),
      reservationReminders({
        db: database.db,
        mail,
        logger,
        leadSeconds: config.REMINDER_LEAD_SECONDS,
        intervalMs: Math.max(config.MAIL_POLL_MS, 1000),
      }),
    ],
    ...options,
  });
}

export const notificationsModule = serviceModule("notifications", {
  migrationsFolder,
  loadConfig,
  create: createNotificationsService,
});
