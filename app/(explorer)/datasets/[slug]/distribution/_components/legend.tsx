/** A legend of line styles as real HTML (screen readers and text selection work). */
export function Legend({ label, items }: { label: string; items: { key: string; label: string; color: string; dashed?: boolean }[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={label}>
      {items.map((item) => (
        <li key={item.key} className="flex items-center gap-1.5">
          <svg width={22} height={10} aria-hidden>
            <line x1={1} x2={21} y1={5} y2={5} stroke={item.color} strokeWidth={2} strokeDasharray={item.dashed ? "5 3" : undefined} />
            <circle cx={11} cy={5} r={3} fill={item.color} />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
