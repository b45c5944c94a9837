/** Runtime settings the browser needs (all public; no secrets ever go here). */
export interface PublicConfig {
  /** reCAPTCHA v2 site key: the sign-up widget is shown only when set. */
  recaptchaSiteKey: string | null;
  /** PayPal REST app client id: real PayPal buttons when set, the emulator button otherwise. */
  paypalClientId: string | null;
  /** Base URL of the PayPal JS SDK (default https://www.paypal.com/sdk/js). */
  paypalSdkUrl: string | null;
  /** Public URL of the local PayPal emulator, whose approval page the emulator button opens. */
  paypalEmulatorUrl: string;
  /** Show "Sign in with Google" (the auth service has Google configured). */
  googleSignIn: boolean;
}

export const defaultPublicConfig: PublicConfig = {
  recaptchaSiteKey: null,
  paypalClientId: null,
  paypalSdkUrl: null,
  paypalEmulatorUrl: "http://localhost:3009",
  googleSignIn: false,
};
