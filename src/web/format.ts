/** "2026-11-23" (or a timestamp) as a page prints it: 23/11/2026. */
export const formatDate = (iso: string | null | undefined): string =>
  iso ? iso.slice(0, 10).split('-').reverse().join('/') : '';
