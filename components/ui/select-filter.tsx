// A labelled <select> of a GET filter form. `allLabel` adds the empty "no filter" option first.
export type FilterOption = string | { value: string; label: string };

export function SelectFilter({
  name,
  label,
  value,
  options,
  allLabel,
}: {
  name: string;
  label: string;
  value: string | null | undefined;
  options: readonly FilterOption[];
  allLabel?: string;
}) {
  return (
    <div>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      <select className="input" id={name} name={name} defaultValue={value ?? ""}>
        {allLabel ? <option value="">{allLabel}</option> : null}
        {options.map((o) => {
          const { value: v, label: l } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
    </div>
  );
}
