// The part of the optional `yaml` package that a YAML AppConfig configuration uses, loaded with `import()` only when
// one is read, so a function without one never loads it.
export { parse as parseYaml } from 'yaml'
