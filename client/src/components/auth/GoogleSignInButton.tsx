import GoogleIcon from "@mui/icons-material/Google";
import Button from "@mui/material/Button";
import Divider from "@mui/material/Divider";

/**
 * Starts Google sign-in at the auth service (a full-page navigation: it redirects to
 * Google and back). Rendered only when Google sign-in is configured.
 */
export function GoogleSignInButton() {
  return (
    <Button
      component="a"
      href="/api/users/oauth/google"
      variant="outlined"
      size="large"
      startIcon={<GoogleIcon aria-hidden />}
      fullWidth
    >
      Sign in with Google
    </Button>
  );
}

const GOOGLE_ERRORS: Record<string, string> = {
  google_cancelled: "Google sign-in was cancelled.",
  google_state: "Google sign-in took too long or was started in another window. Please try again.",
};

/** The `?error=` the auth service adds when Google sign-in fails, as a sentence. */
export function googleErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return GOOGLE_ERRORS[code] ?? "Google sign-in did not work. Please try again or use your email and password.";
}

/** Under the sign-in and sign-up forms: "or" and the Google button, when Google sign-in is configured. */
export function OrSignInWithGoogle({ enabled }: { enabled: boolean }) {
  if (!enabled) return null;
  return (
    <>
      <Divider>or</Divider>
      <GoogleSignInButton />
    </>
  );
}
