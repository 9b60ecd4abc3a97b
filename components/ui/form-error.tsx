/** A form-level error, announced to screen readers; renders nothing without a message. */
export function FormError({ message, className }: { message?: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" data-testid="form-error" className={`text-sm text-red-700 dark:text-red-400 ${className ?? ""}`}>
      {message}
    </p>
  );
}
