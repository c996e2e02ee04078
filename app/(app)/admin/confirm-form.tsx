import { dangerButtonClass } from "./styles";

/**
 * A destructive admin action as two deliberate steps that work without JavaScript: open the disclosure,
 * tick the box, submit. The browser requires the box; the action checks it again (`confirmed`), since a
 * form can be posted without the browser's checks.
 */
export function ConfirmForm(props: {
  action: (form: FormData) => Promise<void>;
  fields: Record<string, string | number>;
  /** What the disclosure and the button say ("Delete", "Deactivate"). */
  verb: string;
  /** Who or what, for screen readers: every row has the same verb. */
  target: string;
  confirm: string;
  testId: string;
}) {
  const { action, fields, verb, target, confirm, testId } = props;
  return (
    <details className="text-sm" data-testid={testId}>
      <summary className="w-fit cursor-pointer rounded-md border border-red-300 bg-white px-3 py-1.5 font-medium text-red-800 hover:bg-red-50">
        {verb}
        <span className="sr-only"> {target}</span>
      </summary>
      <form action={action} className="mt-2 flex flex-wrap items-center gap-2">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label className="flex items-center gap-2">
          <input type="checkbox" name="confirm" value="on" required />
          {confirm}
        </label>
        <button type="submit" className={dangerButtonClass}>
          {verb}
          <span className="sr-only"> {target}</span>
        </button>
      </form>
    </details>
  );
}
