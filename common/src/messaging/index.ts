export * from "./connection";
export * from "./dead-letters";
export * from "./listener";
export * from "./outbox";
