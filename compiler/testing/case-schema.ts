import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { packagePath } from "../package-path.js";

const SCHEMA_FILE = join("schemas", "filterc-test.schema.json");

/** The published schema: editors read it, and so does the loader. */
export function caseSchemaPath(): string {
  return packagePath(SCHEMA_FILE);
}

export type SchemaNode = Record<string, unknown>;

/** The schema, its validator, and validators for single anyOf branches (to explain why a value fits none). */
export class CaseSchema {
  readonly root: SchemaNode;
  readonly validate: ValidateFunction;
  private readonly ajv: Ajv;
  private readonly pointers = new Map<unknown, string>();
  private readonly branches = new Map<string, ValidateFunction>();

  constructor() {
    this.root = JSON.parse(readFileSync(caseSchemaPath(), "utf8")) as SchemaNode;
    // verbose keeps each error's data and parent schema, which the messages quote; union types are for the
    // scalar header values (editors understand them; ajv's strict mode only wants them acknowledged).
    this.ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    this.ajv.addSchema(this.root);
    this.validate = this.ajv.getSchema(this.id)!;
    this.index(this.root, "");
  }

  get id(): string {
    return String(this.root.$id);
  }

  /** A validator for branch `i` of the anyOf in `node` (a subschema object of this schema, as ajv reports it). */
  branchValidator(node: unknown, i: number): ValidateFunction | undefined {
    const pointer = this.pointers.get(node);
    if (pointer === undefined) return undefined;
    const ref = `${this.id}#${pointer}/anyOf/${i}`;
    let validate = this.branches.get(ref);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: ref });
      this.branches.set(ref, validate);
    }
    return validate;
  }

  /** The object schema a `$ref` or plain node stands for. */
  resolve(node: unknown): SchemaNode | undefined {
    if (node === null || typeof node !== "object") return undefined;
    const ref = (node as SchemaNode).$ref;
    if (typeof ref !== "string") return node as SchemaNode;
    let target: unknown = this.root;
    for (const segment of ref.replace(/^#\//, "").split("/")) target = (target as SchemaNode | undefined)?.[segment];
    return this.resolve(target);
  }

  /** Walks the schema once so ajv's parentSchema objects can be turned back into JSON pointers. */
  private index(node: unknown, pointer: string): void {
    if (node === null || typeof node !== "object") return;
    this.pointers.set(node, pointer);
    for (const [key, child] of Object.entries(node)) this.index(child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  }
}

let shared: CaseSchema | undefined;

/** Compiled once per process. */
export function caseSchema(): CaseSchema {
  shared ??= new CaseSchema();
  return shared;
}
