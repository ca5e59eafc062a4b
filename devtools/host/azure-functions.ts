// The classes of @azure/functions, for code running as native ESM (tsx, Node). The package is a webpack
// CJS bundle whose HttpRequest / HttpResponse / InvocationContext exports Node's CJS export detection
// does not see, so `import { HttpRequest } from '@azure/functions'` fails at run time (while `app` works).
// The default import (module.exports) has them all.
import azureFunctions from '@azure/functions';

export const { HttpRequest, HttpResponse, InvocationContext } = azureFunctions;
