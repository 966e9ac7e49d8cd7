// The section error boundary: a throwing section becomes a message naming it and the error, with a
// retry that renders the section again. React's server renderer runs no boundaries, so the test
// drives the boundary's own steps (the state React derives from the error, then render) as React would.
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { SectionBoundary } from '../../src/ui/SectionBoundary';

function boundary(name: string) {
  const child = createElement('p', null, 'the section');
  const instance = new SectionBoundary({ name, children: child });
  instance.setState = ((update: object) => Object.assign(instance.state, update)) as typeof instance.setState;
  return instance;
}

describe('SectionBoundary', () => {
  it('renders its section while nothing has thrown', () => {
    expect(
      renderToStaticMarkup(
        createElement(SectionBoundary, { name: 'the matrix' } as { name: string; children: ReactNode }, createElement('p', null, 'cells')),
      ),
    ).toBe('<p>cells</p>');
  });

  it('shows the section name, the error and a retry instead of the section, and retries', () => {
    const instance = boundary('the confusion matrix');
    Object.assign(instance.state, SectionBoundary.getDerivedStateFromError(new RangeError('Maximum call stack size exceeded')));
    const html = renderToStaticMarkup(instance.render() as never);
    expect(html).toContain('role="alert"');
    expect(html).toContain('Showing the confusion matrix failed: Maximum call stack size exceeded');
    expect(html).toContain('Retry the confusion matrix');
    expect(html).not.toContain('the section');
    instance.retry();
    expect(renderToStaticMarkup(instance.render() as never)).toBe('<p>the section</p>');
  });

  it('names a thrown non-Error and keeps a long message short', () => {
    const instance = boundary('the inspector');
    Object.assign(instance.state, SectionBoundary.getDerivedStateFromError('x'.repeat(5000)));
    const html = renderToStaticMarkup(instance.render() as never);
    expect(html.length).toBeLessThan(700);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    instance.componentDidCatch(new Error('boom'), { componentStack: '' });
    expect(warn).toHaveBeenCalledWith('xent-lab: the inspector failed to render', expect.any(Error), '');
    warn.mockRestore();
  });
});
