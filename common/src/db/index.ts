export * from "./database";
export * from "./errors";
export * from "./migrate";
export * from "./newer-version-wins";
export * from "./schema";
