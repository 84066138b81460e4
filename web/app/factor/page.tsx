export default function FactorPage() {
  return (
    <>
      <h1>Factor</h1>
      <p className="muted">This page is being built.</p>
    </>
  );
}
