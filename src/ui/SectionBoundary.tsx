// An error boundary around one section of the page: if the section throws while rendering, only it
// is replaced by a message naming it and the error, with a retry; the rest of the page keeps running.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the section is, as the message names it: 'the confusion matrix'. */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class SectionBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept in the console for a bug report; the page shows the short message.
    console.warn(`xent-lab: ${this.props.name} failed to render`, error, info.componentStack);
  }

  retry = (): void => this.setState({ error: null });

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="panel section-error" role="alert">
        <p>
          Showing {this.props.name} failed: {error.message.slice(0, 300)}. The rest of the page keeps running.
        </p>
        <button type="button" onClick={this.retry}>
          Retry {this.props.name}
        </button>
      </section>
    );
  }
}
