export * from "./revocations";
export * from "./session-token";
