export default function MarketPage() {
  return (
    <>
      <h1>Market</h1>
      <p className="muted">This page is being built.</p>
    </>
  );
}
