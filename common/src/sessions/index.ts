export * from "./link-token";
export * from "./revocation-signature";
export * from "./revocations";
export * from "./session-token";
