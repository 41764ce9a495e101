// The run form's parameters: what each input starts with, and turning what
// the user typed back into typed values for deploy.plan / deploy.start.
import type { ParamValue, ParamValues, RecipeParamInfo } from '../../../../shared/contract/deploy';

/** What the inputs hold: text for text/number/select inputs, booleans for checkboxes. */
export type FormValues = Record<string, string | boolean>;

const asInput = (param: RecipeParamInfo, value: ParamValue | undefined): string | boolean => {
  if (param.type === 'boolean') return value === true || value === 'true';
  return value === undefined ? '' : String(value);
};

/**
 * Prefill: the given values (a rerun's), else the recipe's last run, else its
 * default. Secrets are never prefilled: main never sends them; an empty
 * secret means "use the stored one" when there is one.
 */
export function initialValues(params: readonly RecipeParamInfo[], lastParams: ParamValues | undefined, given?: ParamValues): FormValues {
  const values: FormValues = {};
  for (const param of params) {
    if (param.secret) {
      values[param.name] = '';
      continue;
    }
    values[param.name] = asInput(param, given?.[param.name] ?? lastParams?.[param.name] ?? param.default);
  }
  return values;
}

/**
 * History keeps parameters as text (secrets masked): the values a rerun
 * starts from, typed again, masked secrets left out so they are asked for.
 */
export function rerunValues(params: readonly RecipeParamInfo[], recorded: Record<string, string>): ParamValues {
  const values: ParamValues = {};
  for (const param of params) {
    const text = recorded[param.name];
    if (text === undefined || param.secret) continue;
    if (param.type === 'number') {
      const n = Number(text);
      if (text.trim() !== '' && Number.isFinite(n)) values[param.name] = n;
    } else if (param.type === 'boolean') values[param.name] = text === 'true';
    else values[param.name] = text;
  }
  return values;
}

export interface Converted {
  values: ParamValues;
  /** Parameter name → what is wrong with its input. */
  errors: Record<string, string>;
}

/**
 * The typed values to send. Empty inputs are left out so main applies the
 * default (or the stored secret, or reports a missing required one in the plan).
 */
export function toParamValues(params: readonly RecipeParamInfo[], form: FormValues): Converted {
  const values: ParamValues = {};
  const errors: Record<string, string> = {};
  for (const param of params) {
    const raw = form[param.name];
    if (param.type === 'boolean') {
      values[param.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    if (text === '') {
      if (param.required && param.default === undefined && !param.secret) errors[param.name] = 'required';
      continue;
    }
    if (param.type === 'number') {
      const n = Number(text);
      if (!Number.isFinite(n) || text.trim() === '') {
        errors[param.name] = `"${text}" is not a number`;
        continue;
      }
      values[param.name] = n;
    } else values[param.name] = text;
    if (param.choices && !param.choices.map(String).includes(text)) errors[param.name] = `must be one of ${param.choices.join(', ')}`;
  }
  return { values, errors };
}

/** Secrets that need a value typed: none given, none stored. */
export function secretsNeeded(params: readonly RecipeParamInfo[], form: FormValues): string[] {
  return params.filter((p) => p.secret && !p.stored && p.required && p.default === undefined && !form[p.name]).map((p) => p.name);
}
