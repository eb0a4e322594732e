'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The console's pages, in the order an operator answers "did order #1042 reach the CRM, and if not, why". */
export const CONSOLE_PAGES = [
  { href: '/', label: 'Overview' },
  { href: '/stores', label: 'Stores and orgs' },
  { href: '/mappings', label: 'Mappings' },
  { href: '/activity', label: 'Activity' },
  { href: '/failed', label: 'Failed' },
  { href: '/merge-queue', label: 'Merge queue' },
  { href: '/backfills', label: 'Backfills' },
  { href: '/audit', label: 'Audit' },
] as const;

/** Whether `pathname` is the page at `href` or one of its sub-pages. */
export function isCurrentPage(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function ConsoleNav() {
  const pathname = usePathname() ?? '/';
  return (
    <nav className="console-nav" aria-label="Console">
      <ul>
        {CONSOLE_PAGES.map((page) => (
          <li key={page.href}>
            <Link href={page.href} aria-current={isCurrentPage(pathname, page.href) ? 'page' : undefined}>
              {page.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
