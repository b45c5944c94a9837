import { baseConfigSchema, parseConfig } from "@m-ticketing/common";

export const authConfigSchema = baseConfigSchema.extend({});

export type AuthConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig(authConfigSchema, env);
}
