export * from "./parse-config";
