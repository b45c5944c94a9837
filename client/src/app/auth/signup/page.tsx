import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { currentUser } from "@/lib/server-api";
import { safeReturnPath } from "@/lib/validation";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = Array.isArray(params.next) ? params.next[0] : params.next;
  if (await currentUser()) redirect(safeReturnPath(next));
  return (
    <AuthCard title="Create an account">
      <SignUpForm next={next} />
    </AuthCard>
  );
}
