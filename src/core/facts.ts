/** What a step found on the target that identifies a row's work (ids, numbers): flat values only. */
export type FactValue = string | number | boolean | null;
export type Facts = Record<string, FactValue>;
