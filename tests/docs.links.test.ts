// The README and docs/ link to each other by file and by heading: a page renamed or a heading
// reworded must not leave a link that goes nowhere. Anchors are GitHub's: the heading lower-cased,
// punctuation dropped, spaces as hyphens.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const PAGES = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

const withoutCode = (markdown: string) => markdown.replace(/```[\s\S]*?```/g, '');

function anchors(path: string): Set<string> {
  const headings = withoutCode(readFileSync(path, 'utf8')).match(/^#+ .*$/gm) ?? [];
  return new Set(
    headings.map((h) =>
      h
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_\- ]/gu, '')
        .replaceAll(' ', '-'),
    ),
  );
}

function brokenLinks(page: string, markdown = readFileSync(page, 'utf8')): string[] {
  const broken: string[] = [];
  for (const [, url] of withoutCode(markdown).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/.test(url)) continue; // https:, mailto: and the like are not checked here
    const [path, fragment] = url.split('#');
    const target = path ? normalize(join(dirname(page), path)) : page;
    if (!existsSync(target)) broken.push(`${url}: no such file`);
    else if (fragment && target.endsWith('.md') && !anchors(target).has(fragment)) broken.push(`${url}: no such heading`);
  }
  return broken;
}

describe('documentation links', () => {
  it.each(PAGES)('%s: every relative link reaches a file and heading', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });

  it('notices a link to a missing page or heading', () => {
    const links = '[a](docs/kernels.md#variants-per-adapter) [b](docs/nope.md) [c](docs/kernels.md#nope) [d](https://example.com)';
    expect(brokenLinks('README.md', links)).toEqual(['docs/nope.md: no such file', 'docs/kernels.md#nope: no such heading']);
  });
});
