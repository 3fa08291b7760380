/** The app's mark (three rising bars), inlined: no request, and it takes the colour of the text around it. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className={className}>
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <g fill="#fff">
        <rect x="8" y="17" width="4" height="7" rx="1" />
        <rect x="14" y="12.5" width="4" height="11.5" rx="1" />
        <rect x="20" y="8" width="4" height="16" rx="1" />
      </g>
    </svg>
  );
}
