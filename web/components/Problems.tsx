/** A form's problems as one alert listing each sentence; nothing when there are none. */
export function Problems({ list }: { list: readonly string[] }) {
  if (list.length === 0) return null;
  return (
    <div role="alert" className="notice notice-error">
      <ul>
        {list.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
