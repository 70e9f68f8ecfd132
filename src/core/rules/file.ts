/**
 * yaml-syntax, schema, unknown-key, date-mismatch, duplicate-id, bad-name: what a file says about itself. The parser
 * (format/) and the index report these while reading; this module declares them (ids, severities, data, fixes) and
 * has no check of its own.
 */
import type { IsoDate } from '../dates';
import { renameKey } from '../edit/yamlEdit';
import type { RuleModule } from './rule';

/** The data each file rule attaches (`undefined`: none). */
export interface FileData {
  'yaml-syntax': undefined;
  schema: undefined;
  'unknown-key': {
    readonly key: string;
    /** The nearest known key, when the key looks like a typo of it. */
    readonly suggestion?: string;
    /** The key's path in the file, list indices as numbers (what the rename edits). */
    readonly path: ReadonlyArray<string | number>;
  };
  'date-mismatch': { readonly date: string; readonly fileDate: IsoDate };
  'duplicate-id': { readonly id: string };
  /** A report folder's name outside the layout carries the id it could have. */
  'bad-name': { readonly suggestion: string } | undefined;
}

export const FILE_RULES: RuleModule<FileData> = {
  family: 'file',
  rules: {
    'yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML.', on: 'the spot' },
    schema: { severity: 'error', summary: 'A missing required field, a wrong type, a bad date or a value outside the allowed ones.', on: 'the value' },
    'unknown-key': {
      severity: 'hint',
      summary: 'A key the format does not know (kept as is); suggests the nearest known key.',
      on: 'the key',
      fixTitles: ['Rename to `<suggestion>`'],
      fixes: ({ suggestion, path }) => (suggestion === undefined ? [] : [{ kind: 'edit', title: `Rename to \`${suggestion}\``, edit: (t) => renameKey(t, path, suggestion), preferred: true }]),
    },
    'date-mismatch': { severity: 'warning', summary: 'A meeting\'s `date` differs from the date in its file name.', on: '`date`' },
    'duplicate-id': { severity: 'error', summary: 'Two goals of one report share an id.', on: 'the second `id`' },
    'bad-name': { severity: 'warning', summary: 'A folder or file name outside the layout, which is therefore not read.', on: 'the file or folder' },
  },
};
