/**
 * What a conversion knows while it writes a script: the names the script
 * holds, which root values the steps use, the SRP exchanges started so far,
 * and the scope each template is compiled in.
 */

import { ScenarioSyntaxError } from "../scenario/mod.ts";
import type { Scenario, SourcePosition } from "../scenario/mod.ts";
import { isShellName, SCRIPT_VARIABLES } from "./bash.ts";
import { ROOT_VARIABLES, shellName, USER_VARIABLE_SUFFIXES, userShellPrefix } from "./names.ts";
import type { Held, Scope } from "./_values.ts";

/** The kind of a root variable the script reads. */
export type RootKind = Parameters<Scope["use"]>[1];

/** The state of one conversion. */
export class Conversion {
  readonly scenario: Scenario;
  readonly file: string;
  readonly provision: boolean;
  /** Whether the script reads the mock's clock (the scenario moves it). */
  readonly clock: boolean;
  /** Held names: `vars.<name>` for vars, the name for captures and `let`s. */
  readonly symbols = new Map<string, Held>();
  /** Root variables the script reads, by variable. */
  readonly uses = new Map<string, RootKind>();
  /** SRP exchanges started so far. */
  readonly ephemerals = new Set<string>();
  readonly users: ReadonlySet<string>;
  /** Shell names taken by the scenario's own names (so hoisted names avoid them). */
  readonly #taken = new Set<string>();

  constructor(scenario: Scenario, options: { provision: boolean; file: string }) {
    this.scenario = scenario;
    this.file = options.file;
    this.provision = options.provision;
    this.clock = scenario.steps.some((step) =>
      step.control?.kind === "advanceClock" || step.control?.kind === "setClock"
    );
    this.users = new Set(scenario.users.map((user) => user.name));
    this.#checkNames();
  }

  /** A scope for templates of one place (a step, the vars, the users). */
  scope(setup: string[], target?: string): Scope {
    const scope: Scope = {
      file: this.file,
      symbols: this.symbols,
      users: this.users,
      setup,
      clock: this.clock,
      use: (variable, kind) => void this.uses.set(variable, kind),
      ephemerals: this.ephemerals,
      fresh: (base) => this.fresh(base),
    };
    if (target !== undefined) scope.target = target;
    return scope;
  }

  /** A shell name no scenario name takes: `base`, else `base_2`, … */
  fresh(base: string): string {
    let name = base;
    for (let n = 2; this.#taken.has(name); n++) name = `${base}_${n}`;
    return name;
  }

  /** A positioned conversion error. */
  error(message: string, at: SourcePosition): ScenarioSyntaxError {
    return new ScenarioSyntaxError(`Cannot convert ${message}`, { file: this.file, ...at });
  }

  /**
   * Scenario names become shell variables: each must be one, must not be
   * one the script or bash uses, and vars, captures and `let`s must not
   * share one (the scenario keeps them apart; the shell cannot).
   */
  #checkNames(): void {
    const scenario = this.scenario;
    const reserved = new Set([...SCRIPT_VARIABLES, ...Object.values(ROOT_VARIABLES)]);
    for (const user of scenario.users) {
      for (const suffix of Object.values(USER_VARIABLE_SUFFIXES)) {
        const variable = `${userShellPrefix(user.name)}_${suffix}`;
        if (reserved.has(variable)) {
          throw this.error(`users.${user.name}: its $${variable} is taken`, user.position);
        }
        reserved.add(variable);
      }
    }
    const kinds = new Map<string, string>();
    const claim = (name: string, kind: string, at: SourcePosition) => {
      const variable = shellName(name);
      if (!isShellName(variable)) {
        throw this.error(`the ${kind} "${name}": it is no shell variable name`, at);
      }
      if (reserved.has(variable) || /^(?:srp_|__)/.test(variable)) {
        throw this.error(
          `the ${kind} "${name}": the script uses $${variable} itself (rename the ${kind})`,
          at,
        );
      }
      const earlier = kinds.get(variable);
      if (earlier !== undefined && earlier !== kind) {
        throw this.error(
          `the ${kind} "${name}": a ${earlier} has the same shell name $${variable} ` +
            `(rename one of them)`,
          at,
        );
      }
      kinds.set(variable, kind);
      this.#taken.add(variable);
    };
    for (const binding of scenario.vars) claim(binding.name, "var", binding.position);
    for (const step of scenario.steps) {
      for (const capture of step.save) claim(capture.name, "capture", capture.position);
    }
    // A `let` that shadows a capture would overwrite it for the later steps.
    for (const step of scenario.steps) {
      for (const binding of step.let) claim(binding.name, "let binding", binding.position);
    }
  }
}
