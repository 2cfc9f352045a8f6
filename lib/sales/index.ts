export { applySaleEvent, applySaleEvents, cartTotal, isTerminal, newSale } from "./machine";
export type * from "./types";
export { isCustomerComplete, missingFields, REQUIRED_FIELDS, validateCustomerField } from "./validation";
