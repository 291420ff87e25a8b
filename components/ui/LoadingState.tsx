/**
 * A view's first read, while it runs (issue 24): what is loading, in words, over a few grey lines in
 * the shape of the rows to come, so the panel does not jump when they arrive. A polite busy status.
 */
export function LoadingState({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div className="ui-loading" role="status" aria-busy="true" data-testid="loading-state">
      <p className="ui-loading__label">{label}</p>
      {Array.from({ length: rows }, (_, index) => (
        <span key={index} className="ui-loading__row" aria-hidden="true" />
      ))}
    </div>
  );
}
