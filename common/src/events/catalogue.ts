import type { z } from "zod";
import { eventAlertChanged } from "./event-alert-changed";
import { expirationComplete } from "./expiration-complete";
import { orderCancelled } from "./order-cancelled";
import { orderCompleted } from "./order-completed";
import { orderCreated } from "./order-created";
import { paymentClaimAnswered } from "./payment-claim-answered";
import { paymentClaimDecided } from "./payment-claim-decided";
import { paymentClaimOpened } from "./payment-claim-opened";
import { paymentCreated } from "./payment-created";
import { paymentPayoutAccountChanged } from "./payment-payout-account-changed";
import { paymentPayoutAccountMissing } from "./payment-payout-account-missing";
import { paymentPayoutUpdated } from "./payment-payout-updated";
import { paymentRefunded } from "./payment-refunded";
import { ticketCreated } from "./ticket-created";
import { ticketUpdated } from "./ticket-updated";
import { userCreated } from "./user-created";
import { userEmailVerificationRequested } from "./user-email-verification-requested";
import { userEmailVerified } from "./user-email-verified";
import { userGoogleLinked } from "./user-google-linked";
import { userPasswordChanged } from "./user-password-changed";
import { userPasswordResetRequested } from "./user-password-reset-requested";
import { userSessionsRevoked } from "./user-sessions-revoked";
import { userUpdated } from "./user-updated";

/**
 * Every integration event, by type. The type is also the NATS subject (after the
 * deployment's subject prefix); `version` is the version of the data schema.
 */
export const eventCatalogue = {
  [ticketCreated.type]: ticketCreated,
  [ticketUpdated.type]: ticketUpdated,
  [eventAlertChanged.type]: eventAlertChanged,
  [orderCreated.type]: orderCreated,
  [orderCancelled.type]: orderCancelled,
  [orderCompleted.type]: orderCompleted,
  [expirationComplete.type]: expirationComplete,
  [paymentCreated.type]: paymentCreated,
  [paymentRefunded.type]: paymentRefunded,
  [paymentClaimOpened.type]: paymentClaimOpened,
  [paymentClaimAnswered.type]: paymentClaimAnswered,
  [paymentClaimDecided.type]: paymentClaimDecided,
  [paymentPayoutAccountChanged.type]: paymentPayoutAccountChanged,
  [paymentPayoutAccountMissing.type]: paymentPayoutAccountMissing,
  [paymentPayoutUpdated.type]: paymentPayoutUpdated,
  [userSessionsRevoked.type]: userSessionsRevoked,
  [userCreated.type]: userCreated,
  [userUpdated.type]: userUpdated,
  [userEmailVerificationRequested.type]: userEmailVerificationRequested,
  [userEmailVerified.type]: userEmailVerified,
  [userPasswordResetRequested.type]: userPasswordResetRequested,
  [userPasswordChanged.type]: userPasswordChanged,
  [userGoogleLinked.type]: userGoogleLinked,
} as const;

export type EventType = keyof typeof eventCatalogue;
export type EventData<T extends EventType> = z.infer<(typeof eventCatalogue)[T]["data"]>;
export const eventTypes = Object.keys(eventCatalogue) as EventType[];
