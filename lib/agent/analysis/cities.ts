// Colombian cities (and every Valle del Cauca municipality) recognised in customer messages.

const CITY_NAMES = [
  // Valle del Cauca
  "Cali",
  "Yumbo",
  "Jamundí",
  "Palmira",
  "Candelaria",
  "Buenaventura",
  "Tuluá",
  "Buga",
  "Guadalajara de Buga",
  "Cartago",
  "Florida",
  "Pradera",
  "El Cerrito",
  "Ginebra",
  "Guacarí",
  "Dagua",
  "La Cumbre",
  "Vijes",
  "Yotoco",
  "Restrepo",
  "Calima",
  "El Darién",
  "Riofrío",
  "Trujillo",
  "Bugalagrande",
  "Andalucía",
  "Sevilla",
  "Caicedonia",
  "Zarzal",
  "Roldanillo",
  "La Victoria",
  "La Unión",
  "Bolívar",
  "El Dovio",
  "Versalles",
  "Toro",
  "Obando",
  "Ansermanuevo",
  "Argelia",
  "El Águila",
  "El Cairo",
  "Alcalá",
  "Ulloa",
  "San Pedro",
  // Rest of Colombia
  "Bogotá",
  "Medellín",
  "Barranquilla",
  "Cartagena",
  "Cúcuta",
  "Bucaramanga",
  "Pereira",
  "Santa Marta",
  "Ibagué",
  "Pasto",
  "Manizales",
  "Neiva",
  "Villavicencio",
  "Armenia",
  "Valledupar",
  "Montería",
  "Sincelejo",
  "Popayán",
  "Tunja",
  "Riohacha",
  "Quibdó",
  "Florencia",
  "Yopal",
  "Leticia",
  "Mocoa",
  "San Andrés",
  "Arauca",
  "Soacha",
  "Bello",
  "Itagüí",
  "Envigado",
  "Sabaneta",
  "Rionegro",
  "Soledad",
  "Dosquebradas",
  "Floridablanca",
  "Girón",
  "Piedecuesta",
  "Sogamoso",
  "Duitama",
  "Zipaquirá",
  "Chía",
  "Facatativá",
  "Fusagasugá",
  "Girardot",
  "Tumaco",
  "Ipiales",
  "Apartadó",
  "Turbo",
  "Barrancabermeja",
  "Santander de Quilichao",
  "Puerto Tejada",
  "Funza",
  "Mosquera",
  "Madrid",
  "Cajicá",
];

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

// Longest first so "Santander de Quilichao" wins over shorter overlaps.
const CITIES = CITY_NAMES.map((name) => ({ name, folded: fold(name) })).sort(
  (a, b) => b.folded.length - a.folded.length,
);

/** First known city mentioned in the text (canonical spelling), or null. */
export function findCity(text: string): string | null {
  const folded = ` ${fold(text).replace(/[^a-z0-9]+/g, " ")} `;
  for (const city of CITIES) if (folded.includes(` ${city.folded} `)) return city.name;
  return null;
}

export function isKnownCity(text: string): boolean {
  const folded = fold(text).trim();
  return CITIES.some((c) => c.folded === folded);
}
