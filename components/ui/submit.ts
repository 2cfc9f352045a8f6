import type { FormEvent } from "react";

/**
 * Submits a form to a handler without React's form-action reset: after a validation error the person keeps
 * what they typed and sees the field errors next to it.
 */
export function onSubmitForm(handler: (form: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    handler(new FormData(event.currentTarget));
  };
}
