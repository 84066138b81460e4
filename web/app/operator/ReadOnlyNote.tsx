/** The line a section shows to an operator without the role that changes it. */
export function ReadOnlyNote({ role }: { role: string }) {
  return <p className="muted small">Only an account with the {role} role can change this.</p>;
}
