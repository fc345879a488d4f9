import { Fragment } from "react";

/**
 * A snake_case name ("general_knowledge") cut into the pieces a line may break between:
 * after each underscore, never inside a word.
 */
export function namePieces(name: string): string[] {
  return name.split(/(?<=_)/);
}

/**
 * A name that wraps only at its underscores (a <wbr> after each) and otherwise stays
 * whole: narrow cards show "general_<br>knowledge", never "general_knowled ge".
 */
export function BreakableName({ name }: { name: string }) {
  return (
    <span className="break-normal">
      {namePieces(name).map((piece, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {piece}
        </Fragment>
      ))}
    </span>
  );
}
