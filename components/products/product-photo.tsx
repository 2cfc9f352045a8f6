import Image from "next/image";

// A product photo, or a neutral placeholder of the same size when the product has none.
export function ProductPhoto({
  src,
  name,
  size,
  className = "",
}: {
  src: string | null | undefined;
  name: string;
  size: "card" | "thumb";
  className?: string;
}) {
  const box = size === "card" ? "aspect-[4/3] w-full" : "size-10 shrink-0";
  if (src)
    return (
      <Image
        src={src}
        alt={`Foto de ${name}`}
        // already resized to these sizes on upload (lib/media): no second encoding
        unoptimized
        width={size === "card" ? 240 : 40}
        height={size === "card" ? 180 : 40}
        className={`${box} rounded-md bg-white object-contain ${className}`}
      />
    );
  return (
    <div
      data-testid="photo-placeholder"
      className={`${box} grid place-items-center rounded-md bg-ink-50 text-ink-500 ${className}`}
      role="img"
      aria-label="Producto sin foto"
    >
      <svg viewBox="0 0 24 24" className={size === "card" ? "size-10" : "size-5"} aria-hidden="true">
        <path
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          d="M4 7.5 12 3l8 4.5v9L12 21l-8-4.5v-9Zm0 0 8 4.5m0 0 8-4.5M12 12v9"
        />
      </svg>
    </div>
  );
}
