export default function Loading() {
  return (
    <p role="status" className="py-16 text-center text-zinc-500">
      Loading…
    </p>
  );
}
