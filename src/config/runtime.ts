/**
 * What this Node.js release means for the service: too old to start (20.19
 * is the first 20.x to load ES modules with require(), which NestJS 12
 * needs), past its end of life (20.x ended on 30 April 2026: it runs, with a
 * warning), or fine.
 */
export function runtimeProblem(version: string): { fatal?: string; warning?: string } {
  const [major, minor] = version.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    return { fatal: `Thi đua needs Node.js 20.19 or later (this is ${version}).` };
  if (major < 22)
    return {
      warning: `Node.js ${version} is past its end of life (30 April 2026): run Thi đua on a supported LTS release, 22 or later (on 24 an API request costs about a fifth less of the event loop; README, "Which Node.js").`,
    };
  return {};
}
