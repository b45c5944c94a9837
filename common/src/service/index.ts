export * from "./periodic-job";
export * from "./service-host";
