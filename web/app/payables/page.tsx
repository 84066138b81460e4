export default function PayablesPage() {
  return (
    <>
      <h1>Payables</h1>
      <p className="muted">This page is being built.</p>
    </>
  );
}
