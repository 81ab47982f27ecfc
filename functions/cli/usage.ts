/** The help text of each command, shown by --help and with every usage error. */

export const COUNCIL_NEW_USAGE = `Usage: ldf council new <id> --name "<English name>" --nation <nation> [options]

Writes councils/<id>.ts for a new council, with a TODO on every value you must replace.

Options:
  --name <text>        The council's name in English (required)
  --name-cy <text>     The council's name in Welsh (required when --languages lists cy)
  --nation <nation>    england, wales, scotland or northern-ireland (required)
  --languages <list>   Languages its pages are offered in, English first: en or en,cy (default: en)
  --gss <code>         The ONS GSS code, e.g. W06000008 (a placeholder with a TODO when absent)
  --from <id>          Copy services, addresses, notifications and AWS settings from an existing council
  -h, --help           Show this help`;

export const COUNCIL_CHECK_USAGE = `Usage: ldf council check [<id>]

Validates one council's file, or every council file, and names each problem's file and field.
Fails while a file holds a placeholder (a TODO, an example.gov.uk address, an all-zero GSS or ICO
code, a made-up phone number), claims a postcode district, property, street, GSS code or id that
another council file claims too, or needs bank holidays beyond the platform's data.`;

export const COUNCIL_LIST_USAGE = `Usage: ldf council list

Lists the councils: id, name, nation, languages, services, AWS account and region.`;

export const COUNCIL_REMOVE_USAGE = `Usage: ldf council remove <id> [--yes]

Explains what removing a council involves; with --yes, deletes councils/<id>.ts.
Its stack, table, key and logs are not touched: see the explanation.`;

export const COUNCIL_USAGE = `Usage: ldf council <command>

Commands:
  new <id> --name "<name>" --nation <nation> [--languages en,cy] [--name-cy "<enw>"] [--gss <code>] [--from <id>]
                         Write a new council's file
  check [<id>]           Validate one council's file, or all of them
  list                   List the councils
  remove <id> [--yes]    Remove a council's file (explains what else to do first)

Run ldf council <command> --help for a command's options.`;

const API_KEY_TARGET = `Keys are stored in the council's table: in the local platform (npm start) by default, or with --aws
in the council's deployed table (ldf-<id>, in the region its file names, with your default AWS credentials).`;

export const API_KEY_CREATE_USAGE = `Usage: ldf api-key create --council <id> [--name "<integrator>"] [--kind works-system|resident-channel] [--aws]

Creates an API key for one of the council's integrators and shows it once.

--kind says what the integrator's service request updates are:
  works-system       the council's own system (default): its updates set the case's state and are published
  resident-channel   a channel for residents, like FixMyStreet: its updates reach officers as residents' comments,
                     not state changes, and are never published
${API_KEY_TARGET}`;

export const API_KEY_LIST_USAGE = `Usage: ldf api-key list --council <id> [--aws]

Lists the council's API keys (never their secrets), revoked ones included.
${API_KEY_TARGET}`;

export const API_KEY_REVOKE_USAGE = `Usage: ldf api-key revoke --council <id> <keyId> [--aws]

Stops a key working at once; its record is kept.
${API_KEY_TARGET}`;

export const API_KEY_USAGE = `Usage: ldf api-key <command> --council <id> [--aws]

Commands:
  create --council <id> [--name "<integrator>"] [--kind works-system|resident-channel]
                                                  Create a key and show it once
  list --council <id>                             List the council's keys
  revoke --council <id> <keyId>                   Stop a key working

${API_KEY_TARGET}`;

export const FORM_LIST_USAGE = `Usage: ldf form list

Lists the shared catalogue's forms: id, title, who wrote it, and the councils that adopt it.`;

export const FORM_ADOPT_USAGE = `Usage: ldf form adopt <form> --council <id>

Adds the catalogue form to councils/<id>.ts under services.forms.adopted (as '<form>': {}),
creating the section where missing, then validates the file (it is left as it was if it fails).

Options:
  --council <id>   The council that adopts the form (required)
  -h, --help       Show this help`;

export const FORM_CHECK_USAGE = `Usage: ldf form check

Validates every catalogue form (catalogue/forms/*.ts, each listed in catalogue/forms.ts) and every
council's adoptions, naming each problem's file and field.`;

export const FORM_USAGE = `Usage: ldf form <command>

Commands:
  list                            List the catalogue's forms and the councils that adopt each
  adopt <form> --council <id>     Adopt a catalogue form in a council's file
  check                           Validate every form and every adoption

Run ldf form <command> --help for a command's options.`;

export const MAIN_USAGE = `Usage: ldf <command> [options]

Onboard councils and manage their integrators' API keys.

Councils:
  ldf council new <id> --name "<name>" --nation <nation> [--languages en,cy] [--name-cy "<enw>"] [--gss <code>] [--from <id>]
  ldf council check [<id>]
  ldf council list
  ldf council remove <id> [--yes]

Catalogue forms:
  ldf form list
  ldf form adopt <form> --council <id>
  ldf form check

Integrator API keys:
  ldf api-key create --council <id> [--name "<integrator>"] [--aws]
  ldf api-key list --council <id> [--aws]
  ldf api-key revoke --council <id> <keyId> [--aws]

Options:
  -h, --help   Show help (also after a command: ldf council new --help)

Environment:
  LDF_COUNCILS_DIR       The councils folder (default: councils/ in the repository)
  LDF_LOCAL_STORE_FILE   Where the running local platform says how to reach its store (default: .data/local-store.json)`;
