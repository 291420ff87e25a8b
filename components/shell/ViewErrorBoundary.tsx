import { Component, type ReactNode } from 'react';
import { Button } from '../ui/Button';

/**
 * A view that throws while rendering, or whose code chunk fails to load, is replaced by a plain
 * sentence and a way out (issue 24) instead of a blank panel: the other views keep working.
 */
export class ViewErrorBoundary extends Component<{ view: string; children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    console.error(`Cadence: the ${this.props.view} view failed`, error);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="read-problem" role="alert" data-testid="view-error">
        <p>
          {this.props.view} could not be shown: {this.state.error instanceof Error ? this.state.error.message : String(this.state.error)}. Your data is kept.
          Reload the side panel to try again, or pick another view above.
        </p>
        <Button type="button" onClick={() => location.reload()}>
          Reload the side panel
        </Button>
      </div>
    );
  }
}
