// Loads Prisma's official WebAssembly schema engine (@prisma/schema-engine-wasm) and connects it to PostgreSQL
// through a driver adapter, so migrations need no native engine download (see docs/adr/0002-migrations.md).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

type BindgenModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let loaded: Promise<BindgenModule> | undefined;

/** The package's entry imports the .wasm as an ES module, which Node cannot do: instantiate it by hand. */
function loadBindgen(): Promise<BindgenModule> {
  loaded ??= (async () => {
    const bindgen = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = readFileSync(path.join(dir, "schema_engine_bg.wasm"));
    // The engine arms timers it never clears (e.g. a 10 s timeout around its advisory lock), which would keep
    // a finished script alive for 10 s: hand it unref'd timers instead.
    const glue: Record<string, unknown> = { ...bindgen };
    for (const name of Object.keys(glue).filter((key) => key.startsWith("__wbg_setTimeout_"))) {
      glue[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const imports = { "./schema_engine_bg.js": glue as WebAssembly.ModuleImports };
    const { instance } = await WebAssembly.instantiate(bytes, imports);
    bindgen.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindgen;
  })();
  return loaded;
}

export interface EngineHandle {
  engine: SchemaEngine;
  /** Runs an engine call, turning "External error id#N" into the driver's real error. */
  call<T>(run: (engine: SchemaEngine) => Promise<T>): Promise<T>;
  close(): void;
}

export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schemaFiles: Array<[path: string, content: string]>,
): Promise<EngineHandle> {
  const { SchemaEngine } = await loadBindgen();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const unwrap = (error: unknown) => driverError(bound, error);
  const engine = await SchemaEngine.new({ datamodels: schemaFiles }, logEngineMessage, bound).catch((error: unknown) => {
    throw unwrap(error);
  });
  return {
    engine,
    call: (run) =>
      run(engine).catch((error: unknown) => {
        throw unwrap(error);
      }),
    close: () => engine.free(),
  };
}

/**
 * PrismaPg, except that a migration script is sent to the server whole. PrismaPg's own executeScript splits the
 * script on every ";" (breaking dollar-quoted function bodies and string literals) and runs the pieces one by
 * one on whatever pool connection is free. Sent whole through the simple query protocol, a migration runs as
 * one implicit transaction: it applies completely or not at all. Also remembers its connections so close()
 * can end them (the engine does not).
 */
export function onlineAdapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory & { disposeAll(): Promise<void> } {
  const inner = new PrismaPg({ connectionString: databaseUrl });
  const opened: SqlDriverAdapter[] = [];
  const wrap = async (connecting: Promise<PrismaPgAdapter>): Promise<SqlDriverAdapter> => {
    const adapter = await connecting;
    const pool = adapter.underlyingDriver();
    const wrapped: SqlDriverAdapter = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      queryRaw: (query) => adapter.queryRaw(query),
      executeRaw: (query) => adapter.executeRaw(query),
      startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
      getConnectionInfo: () => adapter.getConnectionInfo(),
      dispose: async () => {},
      async executeScript(script) {
        try {
          await pool.query(script);
        } catch (error) {
          // PrismaPg's (protected) mapping to a DriverAdapterError, so the engine reports the database's message.
          (adapter as unknown as { onError(error: unknown): never }).onError(error);
        }
      },
    };
    opened.push(adapter);
    return wrapped;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => wrap(inner.connect()),
    connectToShadowDb: () => wrap(inner.connectToShadowDb()),
    disposeAll: async () => {
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

type PrismaPgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function driverError(bound: ErrorCapturingSqlMigrationAwareDriverAdapterFactory, error: unknown): unknown {
  const id = error instanceof Error ? /External error id#(\d+)/.exec(error.message)?.[1] : undefined;
  if (id === undefined) return error;
  const original = bound.errorRegistry.consumeError(Number(id))?.error;
  return original instanceof Error ? original : new Error(`${(error as Error).message}: ${JSON.stringify(original)}`);
}

function logEngineMessage(line: string): void {
  try {
    const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } };
    if (entry.level === "WARN" || entry.level === "ERROR") {
      console.error(`[schema-engine] ${entry.level}: ${entry.fields?.message ?? line}`);
    }
  } catch {
    console.error(`[schema-engine] ${line}`);
  }
}

/**
 * A stand-in database for commands that only compare schemas (diff). The engine probes the server once when it
 * starts (does the schema exist, which version); everything else is refused, so nothing can silently pretend
 * to have touched a database.
 */
export function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (what: string) => Promise.reject(new Error(`offline schema engine: ${what} needs a database`));
  const adapter: SqlDriverAdapter = {
    provider: "postgres",
    adapterName: "paycenter-offline",
    async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
      if (/^SELECT EXISTS\(SELECT 1 FROM pg_namespace/.test(query.sql)) {
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
          rows: [[true, "PostgreSQL 18.0 (offline)", 180000]],
        };
      }
      return refuse(query.sql);
    },
    executeRaw: (query) => refuse(query.sql),
    executeScript: () => refuse("a script"),
    startTransaction: () => refuse("a transaction"),
    dispose: async () => {},
  };
  return {
    provider: "postgres",
    adapterName: "paycenter-offline",
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  };
}
