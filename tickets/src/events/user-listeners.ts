import { listen } from "@m-ticketing/common";
import { applyUserSnapshot } from "../domain/sellers";

/** Auth's `user.*` events that carry a user snapshot: the sellers replica follows each. */
export const userListeners = [
  listen("user.created", (event, tx) => applyUserSnapshot(tx, event.data.user)),
  listen("user.updated", (event, tx) => applyUserSnapshot(tx, event.data.user)),
  listen("user.email-verified", (event, tx) => applyUserSnapshot(tx, event.data.user)),
  listen("user.google-linked", (event, tx) => applyUserSnapshot(tx, event.data.user)),
];
