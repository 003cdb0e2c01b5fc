/**
 * Finds the names that repeat inside one object of a JSON text. `JSON.parse` silently keeps the last of
 * `{"A1a": "A1a.1", "A1a": "A1a.3"}`, so a form that answers a criterion twice would be scored on whichever
 * came last; the self-assessment refuses such a body instead. Call on text `JSON.parse` accepted: the scanner
 * only tracks strings and nesting, it does not validate.
 */
export interface DuplicateKey {
  /** Dotted path of the object holding the name twice, then the name: "answers.A1a". */
  field: string;
}

interface Frame {
  kind: 'object' | 'array';
  keys: Set<string>;
  path: string;
  /** The last object name read in this frame (the name of the value being read). */
  key: string;
  index: number;
}

export function duplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && nextSignificant(text, end) === ':') {
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys.has(key)) found.push({ field: join(top.path, key) });
        top.keys.add(key);
        top.key = key;
      }
      i = end;
      continue;
    }
    if (ch === '{' || ch === '[') {
      const parent = stack[stack.length - 1];
      const name = parent === undefined ? '' : parent.kind === 'object' ? parent.key : String(parent.index);
      const path = parent === undefined ? '' : join(parent.path, name);
      stack.push({ kind: ch === '{' ? 'object' : 'array', keys: new Set(), path, key: '', index: 0 });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
    }
    i++;
  }
  return found;
}

/** Index just past the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function nextSignificant(text: string, from: number): string | undefined {
  let i = from;
  while (i < text.length && WHITESPACE.has(text[i] ?? '')) i++;
  return text[i];
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
