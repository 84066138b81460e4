export default function IssuePage() {
  return (
    <>
      <h1>Issue</h1>
      <p className="muted">This page is being built.</p>
    </>
  );
}
