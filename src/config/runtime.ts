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
      warning: `Node.js ${version} is past its end of life (30 April 2026): start Thi đua through npm (npm start, npm run worker), which runs it on the project's own Node.js 24, or on another supported LTS release, 22 or later (README, "Which Node.js").`,
    };
  return {};
}
