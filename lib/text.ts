// Text folding shared by the database's searchText column and every search box: lower case, no accents
// (ñ folds to n, as customers type it both ways), single spaces.
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9#.\-/ ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export type SearchableProduct = {
  sku: string;
  name: string;
  category: string;
  brand: string;
  standard?: string | null;
  synonyms: string;
  description?: string;
};

/** The text stored in Product.searchText: every field a person searches by, folded. */
export function productSearchText(p: SearchableProduct): string {
  return foldText([p.sku, p.name, p.category, p.brand, p.standard ?? "", p.synonyms.replaceAll(";", " ")].join(" "));
}
