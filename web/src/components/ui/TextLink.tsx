import Link, { type LinkProps } from "next/link";
import type { AnchorHTMLAttributes } from "react";

import { cx } from "./cx";

/** A link inside text: underlined, so it is told apart by more than its colour. */
export function TextLink({
  className,
  ...props
}: LinkProps & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <Link
      className={cx("rounded-sm font-medium text-brand underline underline-offset-2 hover:text-brand-strong", className)}
      {...props}
    />
  );
}
