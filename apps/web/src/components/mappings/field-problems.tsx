import { type Problem, problemsAt } from './mappings-view';

/** The id a field's problems are rendered under, for its `aria-describedby`. */
export const problemId = (path: string): string => `problem-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** The problems of one field, right beside it; nothing when there are none. */
export function FieldProblems({ problems, path }: { problems: readonly Problem[]; path: string }) {
  const mine = problemsAt(problems, path);
  if (mine.length === 0) return null;
  return (
    <ul className="field-problems" id={problemId(path)}>
      {mine.map((problem) => (
        <li key={`${problem.path}:${problem.message}`}>
          {problem.path !== path && <code>{problem.path}</code>} {problem.message}
        </li>
      ))}
    </ul>
  );
}
