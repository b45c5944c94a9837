import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { SignInForm } from "@/components/auth/SignInForm";
import { currentUser } from "@/lib/server-api";
import { safeReturnPath } from "@/lib/validation";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const next = one(params.next);
  // Already signed in (e.g. the back button): straight on to where they were going.
  if (await currentUser()) redirect(safeReturnPath(next));
  return (
    <AuthCard title="Sign in">
      <SignInForm next={next} googleError={one(params.error)} />
    </AuthCard>
  );
}
