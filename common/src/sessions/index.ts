export * from "./link-token";
export * from "./revocations";
export * from "./session-token";
