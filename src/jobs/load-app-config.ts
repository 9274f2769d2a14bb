import { ConfigRegistry, type LoadConfigOptions, loadConfig, type SightlineConfig } from "../config/index.js";
import { registerServerSections } from "../config/service-sections.js";
import { registerConnectorKinds } from "./connector-factory.js";

/** What this build validates: every connector kind of the registry, and the server's sections. */
export function appConfigRegistry(): ConfigRegistry {
  const registry = registerConnectorKinds(new ConfigRegistry());
  registerServerSections(registry);
  return registry;
}

/** `loadConfig` with this build's connector kinds and sections: what the CLI, `serve` and `worker` load. */
export function loadAppConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: Omit<LoadConfigOptions, "registry"> = {},
): SightlineConfig {
  return loadConfig(file, env, { ...options, registry: appConfigRegistry() });
}
