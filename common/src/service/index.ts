export * from "./service-host";
