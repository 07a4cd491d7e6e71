import { runtimeProblem } from './runtime';

describe('runtimeProblem', () => {
  it('refuses a Node.js older than 20.19 (no require() of ES modules)', () => {
    expect(runtimeProblem('20.18.3').fatal).toBe(
      'Thi đua needs Node.js 20.19 or later (this is 20.18.3).',
    );
    expect(runtimeProblem('18.20.0').fatal).toContain('20.19 or later');
  });

  it('runs on 20.19+ with a warning: 20.x is past its end of life', () => {
    const problem = runtimeProblem('20.20.2');
    expect(problem.fatal).toBeUndefined();
    expect(problem.warning).toContain('Node.js 20.20.2 is past its end of life (30 April 2026)');
    expect(problem.warning).toContain(
      "through npm (npm start, npm run worker), which runs it on the project's own Node.js 24",
    );
  });

  it('says nothing of a supported release', () => {
    expect(runtimeProblem('22.12.0')).toEqual({});
    expect(runtimeProblem('24.22.3')).toEqual({});
  });
});
