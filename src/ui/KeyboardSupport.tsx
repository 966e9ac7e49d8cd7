// The page's keyboard entry points: a skip link, the first thing Tab reaches, that jumps past the
// header and the transport to the main content; and the transport's shortcuts (mounted here once).
import './keyboard.css';
import { useShortcuts } from './useShortcuts';

export function KeyboardSupport() {
  useShortcuts();
  const skip = (event: React.MouseEvent<HTMLAnchorElement>) => {
    // The <main> element takes focus itself, so that the next Tab continues from there.
    const main = document.querySelector('main');
    if (!main) return;
    event.preventDefault();
    main.tabIndex = -1;
    main.focus();
    main.scrollIntoView({ block: 'start' });
  };
  return (
    // biome-ignore lint/a11y/useValidAnchor: a real link to <main>; the handler keeps the share link's #experiment= in the URL
    <a className="skip-link" href="#main" onClick={skip}>
      Skip to main content
    </a>
  );
}
