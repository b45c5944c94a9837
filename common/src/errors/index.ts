export * from "./http-error";
