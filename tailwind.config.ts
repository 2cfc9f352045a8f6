import type { Config } from "tailwindcss";

// Brand tokens, loaded from app/globals.css with `@config`. Safety orange and deep industrial blue, chosen for
// WCAG 2.1 AA: brand-600 carries white text (5.2:1) and brand-700 is orange text on white (7.3:1); brand-500
// and lighter are for large shapes, rings and backgrounds only (500 on white is 3.6:1, enough for non-text).
export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#fff7ed",
          100: "#ffedd5",
          200: "#fed7aa",
          400: "#fb923c",
          500: "#ea580c",
          600: "#c2410c",
          700: "#9a3412",
          900: "#7c2d12",
        },
        ink: {
          50: "#f4f6fa",
          100: "#e6eaf2",
          300: "#aab4c8",
          500: "#5b6b8a",
          700: "#2b3a55",
          900: "#121b2e",
        },
        ok: "#15803d",
        warn: "#b45309",
        danger: "#b91c1c",
      },
      fontFamily: {
        sans: ["var(--font-geist-sans)", "system-ui", "sans-serif"],
        mono: ["var(--font-geist-mono)", "ui-monospace", "monospace"],
      },
      borderRadius: { card: "0.875rem" },
    },
  },
} satisfies Config;
