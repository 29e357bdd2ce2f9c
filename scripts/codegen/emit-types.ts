// Emits the `paths`, `components` and `operations` types with openapi-typescript's Node API.
import openapiTS, { astToString } from "openapi-typescript";
import { BANNER } from "./banner.js";

export async function emitTypes(specPath: string): Promise<string> {
  const ast = await openapiTS(new URL(`file://${specPath}`), { silent: true, defaultNonNullable: false });
  return `${BANNER}${astToString(ast)}`;
}
