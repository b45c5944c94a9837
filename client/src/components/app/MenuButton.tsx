"use client";
import Link from "next/link";
import {
  type ButtonHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import styles from "./menu.module.css";

export interface MenuEntry {
  label: string;
  /** A link (closes the menu as it navigates) … */
  href?: string;
  /** … or an action. */
  onSelect?: () => void;
  /** The page the link leads to is the current one. */
  selected?: boolean;
}

/**
 * A button that opens a small menu under it (the header's navigation and account menus).
 * Keyboard as with MUI's Menu: focus moves into the menu (to the selected item, else the
 * first), arrows, Home and End move, Escape and Tab close it and focus returns to the button;
 * a click outside closes it. Plain elements: no MUI code in every page's first download.
 */
export function MenuButton({
  items,
  heading,
  align,
  menuLabel,
  className,
  wrapperClassName,
  children,
  ...buttonProps
}: {
  items: MenuEntry[];
  heading?: ReactNode;
  align: "start" | "end";
  menuLabel: string;
  wrapperClassName?: string;
  children: ReactNode;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onClick" | "type" | "children">) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const anchor = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const items = menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    const selected = menu.current?.querySelector<HTMLElement>('[role="menuitem"][data-selected]');
    (selected ?? items?.[0])?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!anchor.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    };
    if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(all.length - 1);
    else if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      close(true);
    }
  };

  return (
    <div ref={anchor} className={[styles.anchor, wrapperClassName].filter(Boolean).join(" ")}>
      <button
        ref={button}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
        className={className}
        {...buttonProps}
      >
        {children}
      </button>
      {open ? (
        <div className={`${styles.paper} ${styles[align]}`}>
          {heading ? <div className={styles.heading}>{heading}</div> : null}
          <div ref={menu} id={id} role="menu" aria-label={menuLabel} onKeyDown={onKeyDown}>
            {items.map((item) =>
              item.href ? (
                <Link
                  key={item.label}
                  href={item.href}
                  role="menuitem"
                  tabIndex={-1}
                  className={styles.item}
                  data-selected={item.selected || undefined}
                  onClick={() => close(true)}
                >
                  {item.label}
                </Link>
              ) : (
                <button
                  key={item.label}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={styles.item}
                  onClick={() => {
                    close(true);
                    item.onSelect?.();
                  }}
                >
                  {item.label}
                </button>
              ),
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}
