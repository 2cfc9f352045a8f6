// How a product's own attributes meet the ones a customer named: a figure in any unit of its dimension, a label's
// value, a size, a colour, a code; which attributes are alternatives of one another; and, when a named figure does
// not exist, the products of the kind closest to it.

import { inBaseUnit, sameMeasure } from "../analysis/attributes";
import type { Attribute, CatalogProduct } from "../types";
import type { CatalogIndex } from "./catalog-index";
import { rowHas } from "./profiles";

export function satisfies(product: CatalogProduct, wanted: Attribute, catalog: CatalogIndex): boolean {
  const profile = catalog.profile(product);
  const has = profile.attributes;
  switch (wanted.kind) {
    case "measure":
      return has.some((a) => a.kind === "measure" && a.dimension === wanted.dimension && sameMeasure(a, wanted));
    case "label":
      return has.some(
        (a) =>
          (a.kind === "label" && a.label === wanted.label && a.value === wanted.value) ||
          (wanted.label === "talla" && a.kind === "size" && a.value === wanted.value),
      );
    case "size":
      return has.some(
        (a) => (a.kind === "size" || (a.kind === "label" && a.label === "talla")) && a.value === wanted.value,
      );
    case "colour":
      return has.some((a) => a.kind === "colour" && a.value === wanted.value);
    case "code":
      return has.some((a) => a.kind === "code" && a.value === wanted.value) || rowHas(profile, wanted.value);
  }
}
export function groupAttributes(attributes: readonly Attribute[]): Attribute[][] {
  const groups = new Map<string, Attribute[]>();
  for (const a of attributes) {
    const key = a.kind === "label" ? `label:${a.label}` : a.kind === "measure" ? `measure:${a.dimension}` : a.kind;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return [...groups.values()];
}
/** Products of the kind with a figure of the same dimension, closest first ("no hay de 20 lb: 9 kg, 6 kg"). */
export function nearestByMeasure(members: readonly CatalogProduct[], wanted: Attribute, catalog: CatalogIndex) {
  if (wanted.kind !== "measure") return [];
  const target = inBaseUnit(wanted.value, wanted.unit);
  const distance = (p: CatalogProduct) => {
    const figures = catalog
      .profile(p)
      .attributes.filter((a) => a.kind === "measure" && a.dimension === wanted.dimension)
      .map((a) =>
        a.kind === "measure" ? (inBaseUnit(a.value, a.unit) ?? (a.unit === wanted.unit ? a.value : null)) : null,
      )
      .filter((v): v is number => v !== null);
    const value = target ?? wanted.value;
    return figures.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...figures.map((f) => Math.abs(f - value)));
  };
  return members
    .map((p) => ({ p, d: distance(p) }))
    .filter((x) => Number.isFinite(x.d))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.p);
}
/** Whether the product's row states a value for the attribute's dimension at all. */
export function records(product: CatalogProduct, wanted: Attribute, catalog: CatalogIndex): boolean {
  return catalog.profile(product).attributes.some((a) => {
    if (wanted.kind === "measure") return a.kind === "measure" && a.dimension === wanted.dimension;
    if (wanted.kind === "label")
      return (a.kind === "label" && a.label === wanted.label) || (wanted.label === "talla" && a.kind === "size");
    return a.kind === wanted.kind;
  });
}
