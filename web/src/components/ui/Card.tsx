import { useId, type HTMLAttributes, type ReactNode } from "react";

import { cx } from "./cx";

type CardProps = HTMLAttributes<HTMLElement> & {
  /** A heading for the card; the card becomes a labelled region. */
  title?: ReactNode;
  /** Heading level inside the page outline (default 2). */
  level?: 2 | 3;
  actions?: ReactNode;
};

export function Card({ title, level = 2, actions, className, children, ...rest }: CardProps) {
  const Heading = level === 2 ? "h2" : "h3";
  const headingId = useId();
  return (
    <section
      aria-labelledby={title ? headingId : undefined}
      className={cx("rounded-card border border-line bg-surface p-gutter shadow-sm sm:p-6", className)}
      {...rest}
    >
      {title || actions ? (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title ? (
            <Heading id={headingId} className="text-title font-semibold">
              {title}
            </Heading>
          ) : (
            <span />
          )}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}
