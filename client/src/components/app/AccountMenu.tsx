"use client";
import { useRouter } from "next/navigation";
import { signOut } from "@/lib/api";
import type { User } from "@/lib/api-types";
import { UserAvatar } from "../common/UserAvatar";
import { buttonClass, inheritButton } from "../ui/LinkButton";
import styles from "./header.module.css";
import { MenuButton } from "./MenuButton";
import { useToast } from "./useToast";

/** The signed-in user's button in the header: their name and photo; Settings and Sign out. */
export function AccountMenu({ user, request = signOut }: { user: User; request?: () => Promise<unknown> }) {
  const router = useRouter();
  const toast = useToast();

  const onSignOut = async () => {
    try {
      await request();
      toast("You are signed out.", "success");
      router.push("/");
      router.refresh();
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <MenuButton
      align="end"
      menuLabel="Account"
      wrapperClassName={styles.account}
      className={buttonClass("text", `${inheritButton} ${styles.accountButton}`)}
      data-testid="account-menu"
      heading={
        <>
          <p className={styles.menuName}>{user.name}</p>
          <p className={styles.menuEmail}>{user.email}</p>
        </>
      }
      items={[
        { label: "Settings", href: "/settings" },
        { label: "Sign out", onSelect: onSignOut },
      ]}
    >
      <span className={styles.accountAvatar}>
        <UserAvatar user={user} size={34} decorative ring />
      </span>
      {/* Named by the user's name (visible from 600 px, screen-reader only on phones). */}
      <span className={styles.accountName}>{user.name}</span>
      <span className={`visually-hidden ${styles.accountNameHidden}`}>{user.name}</span>
    </MenuButton>
  );
}
