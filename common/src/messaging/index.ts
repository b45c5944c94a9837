export * from "./connection";
export * from "./listener";
export * from "./outbox";
