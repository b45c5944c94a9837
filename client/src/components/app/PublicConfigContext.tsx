"use client";
import { createContext, useContext } from "react";
import { defaultPublicConfig, type PublicConfig } from "@/lib/public-config";

const PublicConfigContext = createContext<PublicConfig>(defaultPublicConfig);

export const PublicConfigProvider = PublicConfigContext.Provider;

/** The runtime settings the server passed down (reCAPTCHA, PayPal, Google sign-in). */
export function usePublicConfig(): PublicConfig {
  return useContext(PublicConfigContext);
}
