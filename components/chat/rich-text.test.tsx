// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RichText } from "./rich-text";

describe("RichText", () => {
  it("keeps amounts, SKUs and order numbers on one line and the rest as plain text", () => {
    const { container } = render(
      <RichText text="2 × Casco (CAB-001) a $ 38.500 = $ 77.000; pedido SV-000012 <b>listo</b>." />,
    );
    const kept = [...container.querySelectorAll("[data-nowrap]")].map((e) => e.textContent);
    expect(kept).toEqual(["CAB-001", "$ 38.500", "$ 77.000", "SV-000012"]);
    expect(container.textContent).toBe("2 × Casco (CAB-001) a $ 38.500 = $ 77.000; pedido SV-000012 <b>listo</b>.");
    expect(container.querySelector("b")).toBeNull();
  });

  it("turns a quote's download link into a labelled link without the sentence's final period", () => {
    const url = "/files/local/quotes/3f9c0a.pdf?exp=1799999999&sig=abc&name=Cotizacion-COT-000003.pdf";
    const { getByRole } = render(<RichText text={`Aquí está tu cotización: ${url}.`} />);
    const link = getByRole("link", { name: "Descargar la cotización (PDF)" });
    expect(link.getAttribute("href")).toBe(url);
    expect(link.getAttribute("rel")).toContain("noopener");
  });

  it("shows other web addresses as they are", () => {
    const { getByRole } = render(
      <RichText text="Visítanos en https://www.sextinvalle.example/catalogo, te esperamos" />,
    );
    expect(getByRole("link", { name: "https://www.sextinvalle.example/catalogo" }).getAttribute("href")).toBe(
      "https://www.sextinvalle.example/catalogo",
    );
  });
});
